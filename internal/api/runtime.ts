import { auditEvent } from '../domain/audit/audit-event.js';
import { createGroupEventBus, type GroupEventBus } from '../shared/events/group-events.js';
import { cachedStore, createCache, type Cache } from '../cache/index.js';
import { createServices, type Services, type Store } from '../domain/index.js';
import type { PlatformEnv } from '../shared/config.js';
import { Health } from '../shared/health.js';
import type { Logger } from '../shared/logger.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import type { Shutdown } from '../shared/shutdown.js';
import { createMemoryStore } from '../store/memory/index.js';
import { createApiRateLimit, rateLimitsFromEnv, type ApiRateLimit } from './rate-limit/index.js';

export interface ApiRuntime {
  store: Store;
  cache: Cache;
  services: Services;
  /** Where the audit entries this api writes are published; web's live events read them. */
  events: GroupEventBus;
  /** The per-caller rate limit of the api's HTTP routes (API_RATE_*), built on first call. */
  rateLimit(): ApiRateLimit;
  status(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The api's dependencies from its env: MongoDB when MONGODB_URI is set (else the
 * in-memory store), Redis when REDIS_URL is set (else an in-process cache only).
 * Readiness follows the store: without it no write and no cache miss can be served.
 */
export async function startApiRuntime(env: PlatformEnv, deps: { logger: Logger; registry: MetricsRegistry; health: Health }): Promise<ApiRuntime> {
  // mongoose (and the driver) cost ~30 MB of heap: loaded only when MongoDB is used.
  // budget: api-rss (docs/budgets.md)
  const store = env.MONGODB_URI
    ? await (await import('../store/mongo/index.js')).createMongoStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, logger: deps.logger })
    : createMemoryStore();
  const cache = createCache({ redisUrl: env.REDIS_URL, prefix: env.REDIS_KEY_PREFIX, logger: deps.logger, registry: deps.registry });
  // Every audit entry and stats tick is a live event: through Redis to every web replica, or in process.
  const events = createGroupEventBus({ redisUrl: env.REDIS_URL, prefix: env.REDIS_KEY_PREFIX, logger: deps.logger });
  const services = createServices(cachedStore(store, cache), {
    platformAdmins: env.PLATFORM_ADMINS,
    onAudit: (entry) => events.publish(auditEvent(entry)),
    onActivity: (groupId, counters) => events.publish({ group_id: groupId, type: 'stats', counters }),
  });
  deps.health.register('store', () => store.ping());
  // Only an api that serves HTTP asks for it: bot and web host this runtime in-process,
  // where no call passes the limit, and should not open a Redis connection for one.
  let rateLimit: ApiRateLimit | undefined;
  return {
    store,
    cache,
    services,
    events,
    rateLimit: () =>
      (rateLimit ??= createApiRateLimit({
        limits: rateLimitsFromEnv(env),
        redisUrl: env.REDIS_URL,
        prefix: env.REDIS_KEY_PREFIX,
        logger: deps.logger,
        registry: deps.registry,
      })),
    async status() {
      return {
        store: { backend: env.MONGODB_URI ? 'mongodb' : 'memory', up: await store.ping() },
        cache: cache.status(),
        ...(rateLimit ? { rate_limit: rateLimit.status() } : {}),
      };
    },
    async close() {
      await rateLimit?.close();
      await events.close();
      await cache.close();
      await store.close();
    },
  };
}

/** The api hosted inside bot or web, for their router and hybrid methods. */
export interface HostedApi {
  services: Services;
  /** The store answered its last probe (every 2 s): hybrid falls back to REST when not. */
  healthy: () => boolean;
  /** Where this in-process api publishes its audit entries. */
  events: GroupEventBus;
}

/**
 * The api in-process, only when the host has the api's own store to share (MONGODB_URI),
 * and built even while the method is rest, so a live switch to hybrid needs no restart.
 * It has its own Health: the host stays ready while this side is down (REST can serve).
 */
export async function startHostedApi(
  env: PlatformEnv,
  deps: { logger: Logger; registry: MetricsRegistry },
  shutdown: Shutdown,
): Promise<HostedApi | undefined> {
  if (!env.MONGODB_URI) return undefined;
  const runtime = await startApiRuntime(env, { ...deps, health: new Health() });
  shutdown.addCloser('in-process api', () => runtime.close());
  let up = true;
  setInterval(() => void runtime.store.ping().then((ok) => (up = ok)), 2000).unref();
  return { services: runtime.services, healthy: () => up, events: runtime.events };
}
