import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { exponentialBackoff } from '../retry/index.js';

const require = createRequire(import.meta.url);
let ioredis: typeof IORedis | undefined;
/**
 * ioredis costs ~9 MB of a process's memory: loaded on first use, so an api without Redis never
 * pays it. budget: api-rss (docs/budgets.md)
 */
const RedisClient = (): typeof IORedis.Redis => (ioredis ??= require('ioredis') as typeof IORedis).Redis;

/**
 * The one place that builds ioredis clients for the whole project (cache, api rate limit,
 * connection registry and health keys, bot state and pacing, the operator's connections). Every caller of Redis in this project treats it as optional
 * infrastructure that must never stall a request, so the defaults fail fast instead of
 * queueing: a command issued while disconnected is rejected at once, and a command on a
 * hung server gives up after `commandTimeoutMs`. Reconnection never gives up, so a
 * client returns to service on its own when Redis comes back.
 */
export interface RedisTuning {
  /** Upper bound of the reconnect backoff; tests make it small to keep outages short. */
  reconnectMaxDelayMs?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

export interface RedisClientOptions extends RedisTuning {
  logger: Logger;
  /** Shown as CLIENT SETNAME and in log lines, e.g. `api-cache`. */
  name: string;
}

export const DEFAULT_REDIS_TUNING: Required<RedisTuning> = {
  reconnectMaxDelayMs: 2_000,
  connectTimeoutMs: 500,
  commandTimeoutMs: 500,
};

/** `redis://host:port/db` without user or password: the only form of the URL we log. */
export function redisTarget(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname && u.pathname !== '/' ? u.pathname : '';
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}${db}`;
  } catch {
    return '(unparsable redis url)';
  }
}

/** Exponential from 50 ms, capped, never `null`: a `null` would end reconnection for good. */
export function reconnectDelay(attempt: number, maxDelayMs: number): number {
  return exponentialBackoff({ baseMs: 50, maxMs: maxDelayMs })(attempt);
}

function baseOptions(opts: RedisClientOptions) {
  const tuning = { ...DEFAULT_REDIS_TUNING, ...definedOnly(opts) };
  return {
    connectionName: opts.name,
    connectTimeout: tuning.connectTimeoutMs,
    commandTimeout: tuning.commandTimeoutMs,
    retryStrategy: (attempt: number) => reconnectDelay(attempt, tuning.reconnectMaxDelayMs),
    // Fail fast while disconnected: a cache miss is cheaper than a request waiting on Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Resending after a reconnect could apply a stale write long after its caller moved on.
    autoResendUnfulfilledCommands: false,
  };
}

function definedOnly(opts: RedisTuning): RedisTuning {
  const out: RedisTuning = {};
  if (opts.reconnectMaxDelayMs !== undefined) out.reconnectMaxDelayMs = opts.reconnectMaxDelayMs;
  if (opts.connectTimeoutMs !== undefined) out.connectTimeoutMs = opts.connectTimeoutMs;
  if (opts.commandTimeoutMs !== undefined) out.commandTimeoutMs = opts.commandTimeoutMs;
  return out;
}

/**
 * A command connection. Connection errors repeat on every reconnect attempt during an
 * outage, so they go to debug only: owners report availability once, from the
 * 'ready'/'close' events (see RedisHealth), not once per failed attempt.
 */
export function createRedisClient(url: string, opts: RedisClientOptions): Redis {
  const client = new (RedisClient())(url, baseOptions(opts));
  const target = redisTarget(url);
  client.on('error', (err: Error) => {
    opts.logger.debug('redis connection error', { client: opts.name, target, error: err.message });
  });
  return client;
}

export interface RedisSubscriberOptions extends RedisClientOptions {
  channels: readonly string[];
  onMessage(channel: string, message: string): void;
  /**
   * Called after every (re)subscription. Messages published while the connection was
   * down are lost for good (pub/sub does not buffer), so owners use this to resync:
   * the cache drops its local layer, the connection registry re-reads its hash.
   */
  onSubscribed?(): void;
  /** Called when the subscription is lost (connection closed). */
  onLost?(): void;
}

export interface RedisSubscriber {
  readonly client: Redis;
  /** True between a completed SUBSCRIBE and the next disconnect. */
  isSubscribed(): boolean;
  close(): Promise<void>;
}

/**
 * A second connection in subscriber mode (a subscribed connection cannot run other
 * commands). We subscribe ourselves on every 'ready' instead of relying on
 * autoResubscribe, so `onSubscribed` fires only once SUBSCRIBE has really completed.
 */
export function createRedisSubscriber(url: string, opts: RedisSubscriberOptions): RedisSubscriber {
  const client = new (RedisClient())(url, { ...baseOptions(opts), autoResubscribe: false });
  const target = redisTarget(url);
  let subscribed = false;
  client.on('error', (err: Error) => {
    opts.logger.debug('redis subscriber error', { client: opts.name, target, error: err.message });
  });
  client.on('message', (channel: string, message: string) => opts.onMessage(channel, message));
  client.on('ready', () => {
    client.subscribe(...opts.channels).then(
      () => {
        subscribed = true;
        opts.onSubscribed?.();
      },
      (err: unknown) => {
        // The connection dropped again mid-subscribe; the next 'ready' retries.
        opts.logger.debug('redis subscribe failed', { client: opts.name, target, error: String(err) });
      },
    );
  });
  client.on('close', () => {
    if (!subscribed) return;
    subscribed = false;
    opts.onLost?.();
  });
  return {
    client,
    isSubscribed: () => subscribed,
    close: () => closeRedis(client),
  };
}

/** QUIT when connected (lets in-flight replies arrive), otherwise just drop the socket. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through: the connection died while quitting
    }
  }
  client.disconnect();
}
