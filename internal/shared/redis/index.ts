// The one Redis module: how clients are built, how to wait for one, how a user with an
// in-process fallback degrades and reports it, and how Lua scripts are sent.
export { defineLuaCommand, type LuaCommand } from './lua-command.js';
export {
  closeRedis,
  createRedisClient,
  createRedisSubscriber,
  DEFAULT_REDIS_TUNING,
  reconnectDelay,
  redisTarget,
  type RedisClientOptions,
  type RedisSubscriber,
  type RedisSubscriberOptions,
  type RedisTuning,
} from './redis-client.js';
export { RedisHealth, type RedisHealthMetrics, type RedisHealthOptions, type RedisState } from './redis-health.js';
export { whenReady } from './when-ready.js';
