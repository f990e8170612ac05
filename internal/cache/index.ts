export { createCache, type Cache, type CacheOptions, type CacheStatus } from './cache.js';
export { CACHE_TTL_SECONDS, cacheKeys } from './keys.js';
export { cachedJson } from './local-layer.js';
export {
  closeRedis,
  createRedisClient,
  createRedisSubscriber,
  redisTarget,
  DEFAULT_REDIS_TUNING,
  type RedisClientOptions,
  type RedisSubscriber,
  type RedisSubscriberOptions,
  type RedisTuning,
} from './redis-client.js';
export { RedisHealth, type RedisHealthMetrics, type RedisHealthOptions, type RedisState } from './redis-health.js';
