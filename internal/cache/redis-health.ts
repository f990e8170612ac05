import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { CacheMetrics } from './cache.metrics.js';

export type RedisState = 'connecting' | 'up' | 'down';

// A server that accepts connections but stops answering (paused, swapping, overloaded)
// never closes the socket, so every command would wait the full command timeout. After
// this many failures in a row the cache stops trying for a while instead.
const FAILURES_BEFORE_PAUSE = 3;
const PAUSE_MS = 1_000;

/** The up gauge and error counter a user of Redis reports through (the cache's, the api rate limit's). */
export type RedisHealthMetrics = Pick<CacheMetrics, 'redisUp' | 'redisErrors'>;

export interface RedisHealthOptions {
  /** Who uses Redis, in the log lines: `cache` by default. */
  user?: string;
  /** What the user serves from meanwhile, in the warning. */
  fallback?: string;
  /** False for a user without a subscriber connection; the cache needs one (true). */
  needsSubscriber?: boolean;
}

/**
 * Whether the cache (or another user of Redis with an in-process fallback) may use Redis
 * right now, and the one place that reports it: one warning when Redis becomes unusable,
 * one info line when it is back, the `..._redis_up` gauge, and `onRecovered` on every
 * return to service (the cache then drops its local layer: invalidations published while
 * we were away are lost).
 */
export class RedisHealth {
  private state: RedisState = 'connecting';
  private connected = false;
  private subscribed: boolean;
  private failures = 0;
  private pausedUntil = 0;
  private stopped = false;
  private readonly user: string;
  private readonly fallback: string;

  constructor(
    private readonly logger: Logger,
    private readonly target: string,
    private readonly metrics: RedisHealthMetrics,
    private readonly onRecovered: () => void,
    opts: RedisHealthOptions = {},
  ) {
    this.user = opts.user ?? 'cache';
    this.fallback = opts.fallback ?? 'the in-process layer and the store';
    this.subscribed = opts.needsSubscriber === false;
    metrics.redisUp.set(0);
  }

  /** On close: the connections are about to go away on purpose, which is no outage to report. */
  stop(): void {
    this.stopped = true;
    this.connected = false;
    this.metrics.redisUp.set(0);
  }

  current(): RedisState {
    return this.state;
  }

  /** Resolves once the first connection has succeeded or failed, or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<RedisState> {
    // Polling keeps this class free of listener plumbing; it runs once at startup.
    const deadline = Date.now() + timeoutMs;
    while (this.state === 'connecting' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.state;
  }

  /**
   * True when a command may be sent. Once a failure pause is over, commands go through
   * again as probes: the first success brings the cache back, a failure pauses again.
   */
  usable(): boolean {
    if (!this.connected || !this.subscribed) return false;
    return this.state === 'up' || Date.now() >= this.pausedUntil;
  }

  setConnected(connected: boolean, reason?: string): void {
    this.connected = connected;
    // A fresh connection starts with a clean slate: the pause is for a server that stays
    // connected but stops answering, and nothing else would end it without traffic.
    if (connected) this.resetFailures();
    this.update(connected ? undefined : (reason ?? 'connection closed'));
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

  private resetFailures(): void {
    this.failures = 0;
    this.pausedUntil = 0;
  }

  commandFailed(err: unknown): void {
    this.metrics.redisErrors.inc();
    this.failures += 1;
    // While already down, a failed probe pauses again at once.
    if (this.failures >= FAILURES_BEFORE_PAUSE || this.state === 'down') {
      this.failures = 0;
      this.pausedUntil = Date.now() + PAUSE_MS;
      this.update(`commands failing: ${errorMessage(err)}`);
    }
  }

  private update(reason?: string): void {
    if (this.stopped) return;
    const wanted = this.connected && this.subscribed && Date.now() >= this.pausedUntil;
    if (wanted && this.state !== 'up') {
      const wasDown = this.state === 'down';
      this.state = 'up';
      this.metrics.redisUp.set(1);
      this.onRecovered();
      if (wasDown) this.logger.info(`redis is back; ${this.user} uses it again`, { target: this.target });
      else this.logger.info(`${this.user} connected to redis`, { target: this.target });
      return;
    }
    // Only a failure moves 'connecting' to 'down': the first connection is allowed its time.
    if (!wanted && this.state !== 'down' && (this.state === 'up' || reason !== undefined)) {
      this.state = 'down';
      this.metrics.redisUp.set(0);
      this.logger.warn(`redis unavailable; ${this.user} falls back to ${this.fallback}`, {
        target: this.target,
        reason: reason ?? 'unknown',
      });
    }
  }
}
