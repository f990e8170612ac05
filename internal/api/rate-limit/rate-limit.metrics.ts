import { counter, gauge, type MetricsRegistry } from '../../shared/metrics.js';

/** The rate limit's metrics; looked up by name, so two api apps in one registry share them. */
export function createRateLimitMetrics(registry: MetricsRegistry) {
  return {
    // By kind only: a label per service or person would be a time series per caller.
    refused: counter(registry, 'api_rate_limited_total', 'api calls refused with 429 by the per-caller rate limit', ['principal_kind']),
    redisErrors: counter(registry, 'api_rate_limit_redis_errors_total', 'Redis commands of the api rate limit that failed or timed out'),
    redisUp: gauge(registry, 'api_rate_limit_redis_up', '1 when the api rate limit shares its buckets through Redis, 0 when each replica counts on its own'),
  };
}

export type RateLimitMetrics = ReturnType<typeof createRateLimitMetrics>;
