import type { RequestHandler } from 'express';
import { DEFAULT_REDIS_TUNING, type RedisTuning } from '../../shared/redis/index.js';
import type { PlatformEnv } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { MetricsRegistry } from '../../shared/metrics.js';
import type { BucketStore, BucketStoreStatus } from './bucket-store.js';
import { MemoryBucketStore } from './bucket-store.memory.js';
import { RedisBucketStore } from './bucket-store.redis.js';
import { rateLimit, type RateLimits } from './rate-limit.middleware.js';
import { createRateLimitMetrics } from './rate-limit.metrics.js';
import type { BucketLimit } from './token-bucket.js';

export { bucketKey, rateLimit, type RateLimits } from './rate-limit.middleware.js';
export { retryAfterSeconds, takeToken, type BucketLimit, type BucketState, type TakeResult } from './token-bucket.js';
export type { BucketStore, BucketStoreStatus } from './bucket-store.js';
export { MemoryBucketStore } from './bucket-store.memory.js';
export { RedisBucketStore } from './bucket-store.redis.js';

export interface ApiRateLimitOptions {
  limits: RateLimits;
  /** Buckets shared by every replica through Redis; without it, counted in this process. */
  redisUrl?: string | undefined;
  prefix: string;
  logger: Logger;
  registry: MetricsRegistry;
  redis?: RedisTuning;
  /** The in-process buckets' clock (tests); Redis buckets run on Redis's clock. */
  now?: () => number;
}

export interface ApiRateLimitStatus {
  service: BucketLimit | 'off';
  person: BucketLimit | 'off';
  store: BucketStoreStatus;
}

export interface ApiRateLimit {
  /** Mount right after authentication. */
  middleware: RequestHandler;
  /** Resolves once the first Redis connection attempt has settled (at once in memory mode). */
  ready(): Promise<ApiRateLimitStatus>;
  status(): ApiRateLimitStatus;
  close(): Promise<void>;
}

/** The api's per-caller limits from env (config.ts); a rate of 0 turns a kind off. */
export function rateLimitsFromEnv(
  env: Pick<PlatformEnv, 'API_RATE_SERVICE_PER_S' | 'API_RATE_SERVICE_BURST' | 'API_RATE_PERSON_PER_S' | 'API_RATE_PERSON_BURST'>,
): RateLimits {
  const limit = (perSecond: number, burst: number) => (perSecond > 0 ? { perSecond, burst } : undefined);
  return {
    service: limit(env.API_RATE_SERVICE_PER_S, env.API_RATE_SERVICE_BURST),
    person: limit(env.API_RATE_PERSON_PER_S, env.API_RATE_PERSON_BURST),
  };
}

/** The rate limit of the api's HTTP routes and the store behind it. */
export function createApiRateLimit(opts: ApiRateLimitOptions): ApiRateLimit {
  const metrics = createRateLimitMetrics(opts.registry);
  // With both kinds off nothing is ever counted: no Redis connection for it.
  const anyLimit = opts.limits.service !== undefined || opts.limits.person !== undefined;
  const redis =
    opts.redisUrl && anyLimit
      ? new RedisBucketStore({ url: opts.redisUrl, prefix: opts.prefix, logger: opts.logger, metrics, tuning: opts.redis, now: opts.now })
      : undefined;
  const store: BucketStore = redis ?? new MemoryBucketStore(opts.now);
  const status = (): ApiRateLimitStatus => ({ service: opts.limits.service ?? 'off', person: opts.limits.person ?? 'off', store: store.status() });
  return {
    middleware: rateLimit({ store, limits: opts.limits, metrics }),
    async ready() {
      await redis?.ready((opts.redis?.connectTimeoutMs ?? DEFAULT_REDIS_TUNING.connectTimeoutMs) + 1_500);
      return status();
    },
    status,
    close: () => store.close(),
  };
}
