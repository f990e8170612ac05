export { createCache, type Cache, type CacheOptions, type CacheStatus } from './cache.js';
export { CACHE_TTL_SECONDS, cacheKeys } from './cache-keys.js';
export { cachedJson } from './local-layer.js';
export { cachedStore } from './cached-store.js';
