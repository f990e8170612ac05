import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import {
  closeRedis,
  createRedisClient,
  createRedisSubscriber,
  defineLuaCommand,
  RedisHealth,
  redisTarget,
  type LuaCommand,
  type RedisSubscriber,
  type RedisTuning,
} from '../shared/redis/index.js';
import type { CacheMetrics } from './cache.metrics.js';

/*
 * Every key has a version counter beside it (`{prefix}:cache-version:{key}`), bumped by
 * each write. A loader reads the version together with the (missing) value and stores
 * its result only if the version is unchanged, in one atomic script: so a load that
 * started before another replica's write can never put the pre-write value back into
 * Redis, however late its own pub/sub message arrives.
 */
const READ = `
local v = redis.call('GET', KEYS[1])
local ver = redis.call('GET', KEYS[2])
return {v or '', ver or '0', redis.call('PTTL', KEYS[1])}`;

const STORE_IF_VERSION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

// KEYS come in pairs (value, version). ARGV: channel, message, version TTL, then for
// `set` the JSON and its TTL (an overwrite is an invalidation that leaves a new value).
const WRITE = `
for i = 1, #KEYS, 2 do
  if ARGV[4] then redis.call('SET', KEYS[i], ARGV[4], 'EX', ARGV[5]) else redis.call('DEL', KEYS[i]) end
  redis.call('INCR', KEYS[i + 1])
  redis.call('EXPIRE', KEYS[i + 1], ARGV[3])
end
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1`;

// Far longer than any load can take; only needs to outlive loads in flight.
const VERSION_TTL_SECONDS = 24 * 60 * 60;
// Keys invalidated while Redis was unreachable, replayed on reconnect. Past this many we
// stop tracking and instead clear the whole cache namespace on reconnect.
const MAX_PENDING_INVALIDATIONS = 10_000;

const invalidationMessage = z.union([z.object({ origin: z.string(), keys: z.array(z.string()) }), z.object({ origin: z.string(), all: z.literal(true) })]);

export interface RemoteRead {
  /** The stored JSON, or undefined when the key is not in Redis. */
  json: string | undefined;
  version: string;
  /** Remaining TTL in ms (negative when the key has none). */
  pttlMs: number;
}

export type StoreResult = 'stored' | 'superseded' | 'unavailable';

export interface RedisLayerOptions {
  url: string;
  prefix: string;
  instanceId: string;
  logger: Logger;
  metrics: CacheMetrics;
  tuning?: RedisTuning;
  /** Another instance invalidated these keys ('all' after it lost track while offline). */
  onRemoteInvalidate(keys: readonly string[] | 'all'): void;
  /** Redis is usable again after an outage or at first connect; see RedisHealth. */
  onRecovered(): void;
}

/**
 * The shared layer: values as JSON under `{prefix}:cache:{key}` with SET EX, invalidation
 * across replicas on `{prefix}:cache:invalidate`. No method throws or waits longer than the
 * command timeout: when Redis is unusable they answer "not there" / "not stored" and the
 * cache carries on with its in-process layer and the store.
 */
export class RedisLayer {
  readonly health: RedisHealth;
  private readonly client: Redis;
  private readonly subscriber: RedisSubscriber;
  private readonly scripts: { read: LuaCommand; storeIfVersion: LuaCommand; write: LuaCommand };
  private readonly channel: string;
  private readonly pending = new Set<string>();
  private pendingOverflow = false;
  private flushing = false;

  constructor(private readonly opts: RedisLayerOptions) {
    this.channel = `${opts.prefix}:cache:invalidate`;
    const clientOpts = { logger: opts.logger, ...opts.tuning };
    this.client = createRedisClient(opts.url, { ...clientOpts, name: `cache-${opts.instanceId}` });
    this.scripts = {
      read: defineLuaCommand(this.client, 'cacheRead', READ),
      storeIfVersion: defineLuaCommand(this.client, 'cacheStoreIfVersion', STORE_IF_VERSION),
      write: defineLuaCommand(this.client, 'cacheWrite', WRITE),
    };
    this.health = new RedisHealth({
      client: this.client,
      logger: opts.logger,
      target: redisTarget(opts.url),
      user: 'cache',
      fallback: 'the in-process layer and the store',
      metrics: opts.metrics,
      needsSubscriber: true,
      onRecovered: () => {
        opts.onRecovered();
        void this.flushPending();
      },
    });
    this.subscriber = createRedisSubscriber(opts.url, {
      ...clientOpts,
      name: `cache-sub-${opts.instanceId}`,
      channels: [this.channel],
      onMessage: (_channel, message) => this.onMessage(message),
      onSubscribed: () => this.health.setSubscribed(true),
      onLost: () => this.health.setSubscribed(false),
    });
  }

  async read(key: string): Promise<RemoteRead | undefined> {
    if (this.blocked(key)) return undefined;
    const reply = await this.run(() => this.scripts.read([this.valueKey(key), this.versionKey(key)]));
    if (!Array.isArray(reply)) return undefined;
    const [json, version, pttl] = reply as unknown[];
    return {
      json: typeof json === 'string' && json !== '' ? json : undefined,
      version: typeof version === 'string' ? version : '0',
      pttlMs: typeof pttl === 'number' ? pttl : -1,
    };
  }

  /** Stores the result of a load begun when the key's version was `version`. */
  async storeIfVersion(key: string, json: string, ttlSeconds: number, version: string): Promise<StoreResult> {
    if (this.blocked(key)) return 'unavailable';
    const reply = await this.run(() => this.scripts.storeIfVersion([this.valueKey(key), this.versionKey(key)], [version, json, ttlSeconds]));
    if (reply === undefined) return 'unavailable';
    return reply === 1 ? 'stored' : 'superseded';
  }

  /** Overwrites the key and tells the other instances to drop their copy. */
  async overwrite(key: string, json: string, ttlSeconds: number): Promise<void> {
    await this.write([key], [json, ttlSeconds]);
  }

  /** Deletes the keys and tells the other instances; replayed on reconnect if Redis is down. */
  async invalidate(keys: readonly string[]): Promise<void> {
    await this.write(keys);
  }

  /** Resolves once the first connection has succeeded or failed, or after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    await this.health.settled(timeoutMs);
  }

  async close(): Promise<void> {
    this.health.stop();
    await Promise.all([closeRedis(this.client), this.subscriber.close()]);
  }

  private async write(keys: readonly string[], value?: [json: string, ttlSeconds: number]): Promise<void> {
    if (keys.length === 0) return;
    const message = JSON.stringify({ origin: this.opts.instanceId, keys });
    const done = this.blocked(...keys)
      ? undefined
      : await this.run(() => this.scripts.write(this.versionedKeys(keys), [this.channel, message, VERSION_TTL_SECONDS, ...(value ?? [])]));
    if (done === undefined) this.remember(keys);
  }

  private remember(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.pending.size >= MAX_PENDING_INVALIDATIONS) {
        this.pendingOverflow = true;
        this.pending.clear();
        return;
      }
      this.pending.add(key);
    }
  }

  /**
   * A key written while Redis was unreachable may still hold its old value there, so
   * until the replay below has run, reads and stores of that key skip Redis: otherwise
   * the first read after reconnecting would bring the old value back.
   */
  private blocked(...keys: string[]): boolean {
    if (this.pendingOverflow) return true;
    return this.pending.size > 0 && keys.some((k) => this.pending.has(k));
  }

  private async flushPending(): Promise<void> {
    if (this.flushing || (!this.pendingOverflow && this.pending.size === 0)) return;
    this.flushing = true;
    try {
      if (this.pendingOverflow) {
        if (await this.clearNamespace()) this.pendingOverflow = false;
        return;
      }
      const keys = [...this.pending];
      const message = JSON.stringify({ origin: this.opts.instanceId, keys });
      const done = await this.run(() => this.scripts.write(this.versionedKeys(keys), [this.channel, message, VERSION_TTL_SECONDS]));
      // Keys invalidated again during the replay stay pending; they were covered anyway.
      if (done !== undefined) for (const k of keys) this.pending.delete(k);
    } finally {
      this.flushing = false;
    }
  }

  /** Deletes every cache value of this prefix and tells every instance to clear its local layer. */
  private async clearNamespace(): Promise<boolean> {
    let cursor = '0';
    do {
      const reply = await this.run((c) => c.scan(cursor, 'MATCH', `${this.opts.prefix}:cache:*`, 'COUNT', 500));
      if (reply === undefined) return false;
      const [next, found] = reply;
      if (found.length > 0 && (await this.run((c) => c.del(...found))) === undefined) return false;
      cursor = next;
    } while (cursor !== '0');
    const published = await this.run((c) => c.publish(this.channel, JSON.stringify({ origin: this.opts.instanceId, all: true })));
    return published !== undefined;
  }

  private onMessage(message: string): void {
    let parsed: z.infer<typeof invalidationMessage>;
    try {
      parsed = invalidationMessage.parse(JSON.parse(message));
    } catch {
      this.opts.logger.debug('ignored malformed cache invalidation message');
      return;
    }
    if (parsed.origin === this.opts.instanceId) return;
    this.opts.onRemoteInvalidate('all' in parsed ? 'all' : parsed.keys);
  }

  private run<T>(op: (client: Redis) => Promise<T>): Promise<T | undefined> {
    return this.health.run<T | undefined>(op, () => undefined);
  }

  /** The WRITE script's KEYS: value and version of each key, in pairs. */
  private versionedKeys(keys: readonly string[]): string[] {
    return keys.flatMap((k) => [this.valueKey(k), this.versionKey(k)]);
  }

  private valueKey(key: string): string {
    return `${this.opts.prefix}:cache:${key}`;
  }

  private versionKey(key: string): string {
    return `${this.opts.prefix}:cache-version:${key}`;
  }
}
