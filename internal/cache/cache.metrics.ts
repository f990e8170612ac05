import { counter, gauge, type MetricsRegistry } from '../shared/metrics.js';

/** The cache's metrics; looked up by name, so two caches in one registry share them. */
export function createCacheMetrics(registry: MetricsRegistry) {
  return {
    hits: counter(registry, 'cache_hits_total', 'Cache hits by layer (local = in-process, redis = shared)', ['layer']),
    misses: counter(registry, 'cache_misses_total', 'Cache misses in every layer (the loader or caller goes to the store)'),
    redisErrors: counter(registry, 'cache_redis_errors_total', 'Redis commands of the cache that failed or timed out'),
    redisUp: gauge(registry, 'cache_redis_up', '1 when the cache is using Redis, 0 when it is running on the in-process layer alone'),
  };
}

export type CacheMetrics = ReturnType<typeof createCacheMetrics>;
