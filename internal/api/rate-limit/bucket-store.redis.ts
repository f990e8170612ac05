import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.js';
import { closeRedis, createRedisClient, defineLuaCommand, RedisHealth, redisTarget, type LuaCommand, type RedisTuning } from '../../shared/redis/index.js';
import { MemoryBucketStore } from './bucket-store.memory.js';
import type { BucketStore, BucketStoreStatus } from './bucket-store.js';
import type { RateLimitMetrics } from './rate-limit.metrics.js';
import type { BucketLimit, TakeResult } from './token-bucket.js';

/*
 * takeToken (token-bucket.ts) in one atomic step, on Redis's clock so replicas with skewed
 * clocks agree. KEYS[1]: the bucket, a hash {tokens, at}. ARGV: tokens per second, burst,
 * and the key's TTL: once a bucket has had time to refill it is the same as no bucket, so
 * idle callers leave nothing behind. A refusal writes nothing.
 * Returns {allowed (1/0), whole tokens left, ms until a token is back}.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perSecond = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if saved[1] then
  local elapsed = math.max(0, now - (tonumber(saved[2]) or now))
  tokens = math.min(burst, tonumber(saved[1]) + elapsed * perSecond / 1000)
end
if tokens >= 1 then
  tokens = tokens - 1
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', now)
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1, math.floor(tokens), 0}
end
return {0, 0, math.ceil((1 - tokens) * 1000 / perSecond)}`;

export interface RedisBucketStoreOptions {
  url: string;
  /** REDIS_KEY_PREFIX: buckets live under `{prefix}:ratelimit:{key}`. */
  prefix: string;
  logger: Logger;
  metrics: RateLimitMetrics;
  tuning?: RedisTuning;
  /** The fallback buckets' clock (tests). */
  now?: () => number;
}

/**
 * Buckets shared by every api replica through Redis. While Redis is unusable (RedisHealth
 * decides, and logs it once) each replica counts in its own process instead: together
 * they may then let through up to replicas x the limit, which beats refusing every call or
 * making each one wait on a dead server.
 */
export class RedisBucketStore implements BucketStore {
  readonly health: RedisHealth;
  private readonly client: Redis;
  private readonly takeScript: LuaCommand;
  private readonly local: MemoryBucketStore;

  constructor(private readonly opts: RedisBucketStoreOptions) {
    this.local = new MemoryBucketStore(opts.now);
    this.client = createRedisClient(opts.url, { logger: opts.logger, ...opts.tuning, name: 'api-rate-limit' });
    this.takeScript = defineLuaCommand(this.client, 'apiRateTake', TAKE);
    this.health = new RedisHealth({
      client: this.client,
      logger: opts.logger,
      target: redisTarget(opts.url),
      user: 'api rate limit',
      fallback: 'per-replica buckets',
      metrics: opts.metrics,
      onRecovered: () => this.local.clear(),
    });
  }

  take(key: string, limit: BucketLimit): TakeResult | Promise<TakeResult> {
    // Not health.run: while Redis is unusable the answer is synchronous, no promise per request;
    // and a reply of the wrong shape counts as a failure too.
    if (!this.health.usable()) return this.local.take(key, limit);
    const ttlMs = Math.ceil((limit.burst * 1000) / limit.perSecond) + 1_000;
    return this.takeScript([`${this.opts.prefix}:ratelimit:${key}`], [limit.perSecond, limit.burst, ttlMs]).then(
      (reply) => {
        const result = parseReply(reply);
        if (!result) {
          this.health.commandFailed(new Error(`unexpected reply from the rate limit script: ${JSON.stringify(reply)}`));
          return this.local.take(key, limit);
        }
        this.health.commandSucceeded();
        return result;
      },
      (err: unknown) => {
        this.health.commandFailed(err);
        return this.local.take(key, limit);
      },
    );
  }

  /** Resolves once the first connection attempt has settled, or after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<BucketStoreStatus> {
    await this.health.settled(timeoutMs);
    return this.status();
  }

  status(): BucketStoreStatus {
    return { mode: 'redis', redis: this.health.current() };
  }

  async close(): Promise<void> {
    this.health.stop();
    await closeRedis(this.client);
    await this.local.close();
  }
}

function parseReply(reply: unknown): TakeResult | undefined {
  if (!Array.isArray(reply)) return undefined;
  const [allowed, remaining, retryAfterMs] = reply as unknown[];
  if (typeof allowed !== 'number' || typeof remaining !== 'number' || typeof retryAfterMs !== 'number') return undefined;
  return { allowed: allowed === 1, remaining, retryAfterMs };
}
