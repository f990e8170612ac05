import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../shared/logger.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import type { RedisState, RedisTuning } from '../shared/redis/index.js';
import { createCacheMetrics, type CacheMetrics } from './cache.metrics.js';
import { LocalLayer } from './local-layer.js';
import { RedisLayer } from './redis-layer.js';

export interface CacheOptions {
  /** Without it the cache is in-process only (`make run`, single replica). */
  redisUrl?: string | undefined;
  /** Namespace in Redis (REDIS_KEY_PREFIX): values live under `{prefix}:cache:{key}`. */
  prefix: string;
  logger: Logger;
  registry: MetricsRegistry;
  /** Tells this instance's own invalidation messages apart; unique per process by default. */
  instanceId?: string;
  /** Bound of the in-process layer (entries). Default 10,000. */
  maxEntries?: number;
  /**
   * Longest time an entry stays in the in-process layer when Redis is in use. Default 60 s.
   * Invalidation messages keep replicas correct; this cap only bounds how long a replica
   * can serve a value whose invalidation it missed (a dropped subscriber connection).
   * Without Redis there is no other replica, so the key's own TTL applies.
   */
  localTtlSeconds?: number;
  /** Reconnect and timeout settings; tests shorten the reconnect backoff. */
  redis?: RedisTuning;
  /** Milliseconds clock of the in-process layer's TTLs; tests move it instead of sleeping. */
  now?: () => number;
}

export interface CacheStatus {
  mode: 'memory' | 'redis';
  /** 'disabled' in memory mode. */
  redis: RedisState | 'disabled';
  localEntries: number;
}

/**
 * A two-layer cache of JSON values. Values come back as a JSON round trip of what was
 * stored (dates become strings) and deep-frozen: copy before changing one. Nothing here
 * throws because of Redis or waits on it longer than its command timeout.
 */
export interface Cache {
  /** The cached value, or undefined. The caller owns the key and so knows its type. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a value in both layers; other instances drop their in-process copy. Undefined invalidates. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /**
   * The cached value, or the loader's result, stored under the key (undefined is returned
   * but not stored; a loader error reaches every caller and stores nothing). Concurrent
   * misses of one key share one loader run.
   */
  getOrLoad<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<T>;
  /** Call after every write to the store: drops the keys here, in Redis and in every replica. */
  invalidate(...keys: string[]): Promise<void>;
  /** Resolves once the first Redis connection attempt has settled (at once in memory mode). */
  ready(): Promise<CacheStatus>;
  status(): CacheStatus;
  close(): Promise<void>;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_LOCAL_TTL_SECONDS = 60;

interface Flight {
  promise: Promise<unknown>;
  /** Set when the key is written while the load runs: its result must not be stored. */
  stale: boolean;
}

class TwoLayerCache implements Cache {
  private readonly local: LocalLayer;
  private readonly metrics: CacheMetrics;
  private readonly redis: RedisLayer | undefined;
  private readonly flights = new Map<string, Flight>();
  private readonly localTtlCapMs: number;
  // Bumped by every local drop. A Redis read that a drop overtook must not fill the local
  // layer: the pub/sub message and the read reply travel on different connections.
  private epoch = 0;

  constructor(private readonly opts: CacheOptions) {
    this.local = new LocalLayer(opts.maxEntries ?? DEFAULT_MAX_ENTRIES, opts.now);
    this.metrics = createCacheMetrics(opts.registry);
    this.localTtlCapMs = opts.redisUrl ? (opts.localTtlSeconds ?? DEFAULT_LOCAL_TTL_SECONDS) * 1000 : Infinity;
    this.redis = opts.redisUrl
      ? new RedisLayer({
          url: opts.redisUrl,
          prefix: opts.prefix,
          instanceId: opts.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
          logger: opts.logger,
          metrics: this.metrics,
          tuning: opts.redis,
          onRemoteInvalidate: (keys) => (keys === 'all' ? this.dropAllLocal() : keys.forEach((k) => this.dropLocal(k))),
          // Other replicas' invalidations sent while we could not hear them are lost.
          onRecovered: () => this.dropAllLocal(),
        })
      : undefined;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const slot = this.local.get(key);
    if (slot) {
      this.metrics.hits.inc({ layer: 'local' });
      return slot.value as T;
    }
    const remote = await this.readRemote(key, undefined);
    if (remote.found) return remote.value as T;
    this.metrics.misses.inc();
    return undefined;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    // undefined has no JSON form (and means "nothing" everywhere else here).
    if (value === undefined) return this.invalidate(key);
    const json = JSON.stringify(value);
    this.dropLocal(key);
    this.local.set(key, JSON.parse(json), this.localTtlMs(ttlSeconds), json);
    await this.redis?.overwrite(key, json, ttlSeconds);
  }

  getOrLoad<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<T> {
    const slot = this.local.get(key);
    if (slot) {
      this.metrics.hits.inc({ layer: 'local' });
      return Promise.resolve(slot.value as T);
    }
    const running = this.flights.get(key);
    if (running) return running.promise as Promise<T>;
    const flight: Flight = { promise: Promise.resolve(), stale: false };
    const promise = this.load(key, ttlSeconds, loader, flight).finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    flight.promise = promise;
    this.flights.set(key, flight);
    return promise;
  }

  async invalidate(...keys: string[]): Promise<void> {
    for (const key of keys) this.dropLocal(key);
    await this.redis?.invalidate(keys);
  }

  async ready(): Promise<CacheStatus> {
    const tuning = this.opts.redis ?? {};
    await this.redis?.ready((tuning.connectTimeoutMs ?? 500) + 1_500);
    return this.status();
  }

  status(): CacheStatus {
    return {
      mode: this.redis ? 'redis' : 'memory',
      redis: this.redis ? this.redis.health.current() : 'disabled',
      localEntries: this.local.size,
    };
  }

  async close(): Promise<void> {
    await this.redis?.close();
    this.dropAllLocal();
  }

  private async load<T>(key: string, ttlSeconds: number, loader: () => Promise<T>, flight: Flight): Promise<T> {
    const remote = await this.readRemote(key, flight);
    if (remote.found) return remote.value as T;
    this.metrics.misses.inc();
    const value = await loader();
    if (value === undefined) return value;
    const json = JSON.stringify(value);
    const parsed = JSON.parse(json) as T;
    if (flight.stale) return parsed;
    // Without a version we could not read Redis, so we must not write it either.
    const stored = remote.version === undefined || !this.redis ? 'unavailable' : await this.redis.storeIfVersion(key, json, ttlSeconds, remote.version);
    // 'superseded': another instance wrote the key during our load; our value may predate it.
    if (stored !== 'superseded' && !flight.stale) this.local.set(key, parsed, this.localTtlMs(ttlSeconds), json);
    return parsed;
  }

  private async readRemote(key: string, flight: Flight | undefined): Promise<{ found: true; value: unknown } | { found: false; version?: string }> {
    const epoch = this.epoch;
    const remote = await this.redis?.read(key);
    if (!remote) return { found: false };
    if (remote.json === undefined) return { found: false, version: remote.version };
    let value: unknown;
    try {
      value = JSON.parse(remote.json);
    } catch {
      // Not ours (or truncated): treat as a miss; our next store overwrites it.
      return { found: false, version: remote.version };
    }
    this.metrics.hits.inc({ layer: 'redis' });
    if (this.epoch === epoch && !flight?.stale) this.local.set(key, value, this.localTtlMs(remote.pttlMs > 0 ? remote.pttlMs / 1000 : Infinity), remote.json);
    return { found: true, value };
  }

  private localTtlMs(ttlSeconds: number): number {
    return Math.min(ttlSeconds * 1000, this.localTtlCapMs);
  }

  /** Drops a key here and makes any load of it in flight forget its result. */
  private dropLocal(key: string): void {
    this.epoch += 1;
    this.local.delete(key);
    const flight = this.flights.get(key);
    if (flight) {
      flight.stale = true;
      // Callers arriving after the write must not join a load that began before it.
      this.flights.delete(key);
    }
  }

  private dropAllLocal(): void {
    this.epoch += 1;
    this.local.clear();
    for (const flight of this.flights.values()) flight.stale = true;
    this.flights.clear();
  }
}

export function createCache(opts: CacheOptions): Cache {
  return new TwoLayerCache(opts);
}
