import type { Redis } from 'ioredis';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';

export type RedisState = 'connecting' | 'up' | 'down';

// A server that accepts connections but stops answering (paused, swapping, overloaded)
// never closes the socket, so every command would wait the full command timeout. After
// this many failures in a row the user stops trying for a while instead.
const FAILURES_BEFORE_PAUSE = 3;
const PAUSE_MS = 1_000;

/** The up gauge and error counter a user of Redis reports through (the cache's, the api rate limit's). */
export interface RedisHealthMetrics {
  redisUp: { set(value: number): void };
  redisErrors?: { inc(): void };
}

export interface RedisHealthOptions {
  /** The command connection; its 'ready' and 'close' events say whether Redis is reachable. */
  client: Redis;
  logger: Logger;
  /** Who uses Redis, in the log lines: `cache`, `api rate limit`, `bot state`. */
  user: string;
  /** What the user serves from meanwhile, in the default warning. */
  fallback: string;
  /** The warning when Redis becomes unusable; default `redis unavailable; {user} falls back to {fallback}`. */
  downMessage?: string;
  /** The info line when it is back; default `redis is back; {user} uses it again`. */
  upMessage?: string;
  /** Where Redis is, for the log lines, without credentials (`redisTarget(url)`); default from the client. */
  target?: string;
  metrics?: RedisHealthMetrics;
  /**
   * Called on every return to service and at the first connect: the cache drops its local
   * layer (invalidations published while we were away are lost), the rate limit its
   * per-replica buckets, the connection registry re-reads its hash.
   */
  onRecovered?: () => void;
  /** True for a user with a subscriber connection (the cache): up only while subscribed, see `setSubscribed`. */
  needsSubscriber?: boolean;
  /**
   * What a command asked for before the first connection has settled means. `wait` (the
   * default): the connection is allowed its time, the state stays `connecting`. `down`: Redis
   * is reported down at once; for users whose every call is a decision that cannot wait (a
   * send's pacing, an update's de-duplication), so the outage is on record from the first one.
   */
  whileConnecting?: 'wait' | 'down';
}

/**
 * Whether a user of Redis with an in-process fallback may use Redis right now, and the one
 * place that reports it: one warning when Redis becomes unusable, one info line when it is
 * back, the `..._redis_up` gauge, `onRecovered` on every return to service, and `run` to
 * send a command or take the fallback. Several users may watch one client.
 */
export class RedisHealth {
  private state: RedisState = 'connecting';
  private connected: boolean;
  private subscribed: boolean;
  private failures = 0;
  private pausedUntil = 0;
  private stopped = false;
  private readonly target: string;
  private readonly verdictWaiters = new Set<() => void>();
  private readonly onReady = () => this.setConnected(true);
  private readonly onClose = () => this.setConnected(false);

  constructor(private readonly opts: RedisHealthOptions) {
    this.target = opts.target ?? targetOf(opts.client);
    this.subscribed = opts.needsSubscriber !== true;
    this.connected = opts.client.status === 'ready';
    opts.metrics?.redisUp.set(0);
    opts.client.on('ready', this.onReady);
    opts.client.on('close', this.onClose);
    if (this.connected) this.update();
  }

  /**
   * Runs `op` on the client when Redis is usable, else (and when it fails) answers with
   * `fallback`: the caller never sees a Redis error and never waits longer than the
   * command timeout.
   */
  async run<T>(op: (client: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (!this.usable()) {
      if (this.state === 'connecting' && this.opts.whileConnecting === 'down') this.update(`redis ${this.opts.client.status}`);
      return fallback();
    }
    let result: T;
    try {
      result = await op(this.opts.client);
    } catch (err) {
      this.commandFailed(err);
      return fallback();
    }
    this.commandSucceeded();
    return result;
  }

  /** On close: the connections are about to go away on purpose, which is no outage to report. */
  stop(): void {
    this.stopped = true;
    this.connected = false;
    this.opts.client.off('ready', this.onReady);
    this.opts.client.off('close', this.onClose);
    this.opts.metrics?.redisUp.set(0);
    this.settle();
  }

  current(): RedisState {
    return this.state;
  }

  /** Resolves once the first connection has succeeded or failed, or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<RedisState> {
    if (this.state === 'connecting' && !this.stopped) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.verdictWaiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        this.verdictWaiters.add(done);
      });
    }
    return this.state;
  }

  /**
   * True when a command may be sent. Once a failure pause is over, commands go through
   * again as probes: the first success brings Redis back, a failure pauses again.
   */
  usable(): boolean {
    if (!this.connected || !this.subscribed) return false;
    return this.state === 'up' || Date.now() >= this.pausedUntil;
  }

  setSubscribed(subscribed: boolean): void {
    this.subscribed = subscribed;
    if (subscribed) this.resetFailures();
    this.update(subscribed ? undefined : 'subscription lost');
  }

  commandSucceeded(): void {
    this.resetFailures();
    this.update();
  }

  commandFailed(err: unknown): void {
    this.opts.metrics?.redisErrors?.inc();
    // Refused because the socket is going away (its 'close' event is still to come): the
    // connection is lost now, not after a few more failures.
    if (!this.socketWritable()) {
      this.connected = false;
      this.update(`connection lost: ${errorMessage(err)}`);
      return;
    }
    this.failures += 1;
    // While already down, a failed probe pauses again at once.
    if (this.failures >= FAILURES_BEFORE_PAUSE || this.state === 'down') {
      this.failures = 0;
      this.pausedUntil = Date.now() + PAUSE_MS;
      this.update(`commands failing: ${errorMessage(err)}`);
    }
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    // A fresh connection starts with a clean slate: the pause is for a server that stays
    // connected but stops answering, and nothing else would end it without traffic.
    if (connected) this.resetFailures();
    this.update(connected ? undefined : 'connection closed');
  }

  private socketWritable(): boolean {
    const { status, stream } = this.opts.client;
    // `stream` is typed as always there, but is unset until the first connect.
    return status === 'ready' && (stream as typeof stream | undefined)?.writable === true;
  }

  private resetFailures(): void {
    this.failures = 0;
    this.pausedUntil = 0;
  }

  private update(reason?: string): void {
    if (this.stopped) return;
    const { logger, user } = this.opts;
    const wanted = this.connected && this.subscribed && Date.now() >= this.pausedUntil;
    if (wanted && this.state !== 'up') {
      const wasDown = this.state === 'down';
      this.state = 'up';
      this.opts.metrics?.redisUp.set(1);
      this.settle();
      this.opts.onRecovered?.();
      if (wasDown) logger.info(this.opts.upMessage ?? `redis is back; ${user} uses it again`, { target: this.target });
      else logger.info(`${user} connected to redis`, { target: this.target });
      return;
    }
    // Only a failure moves 'connecting' to 'down': the first connection is allowed its time.
    if (!wanted && this.state !== 'down' && (this.state === 'up' || reason !== undefined)) {
      this.state = 'down';
      this.opts.metrics?.redisUp.set(0);
      this.settle();
      logger.warn(this.opts.downMessage ?? `redis unavailable; ${user} falls back to ${this.opts.fallback}`, {
        target: this.target,
        reason: reason ?? 'unknown',
      });
    }
  }

  private settle(): void {
    for (const done of [...this.verdictWaiters]) done();
  }
}

/** `redis://host:port/db` of a client, never its password. */
function targetOf(client: Redis): string {
  const { host, port, db, path } = client.options;
  if (path) return `unix://${path}`;
  return `redis://${host ?? 'localhost'}:${port ?? 6379}${db ? `/${db}` : ''}`;
}
