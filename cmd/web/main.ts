// web: REST for web clients; reaches the api by the connection method in force.
import { parseApiKeys } from '../../internal/api/auth/index.js';
import { startApiRuntime } from '../../internal/api/runtime.js';
import { connect } from '../../internal/connect/connections.js';
import { createLogger, createRegistry, Health, listen, loadConfig, logFormatOf, serviceEnvSchema, Shutdown, urlOf } from '../../internal/shared/index.js';
import { createWebApp } from '../../internal/web/app.js';

const env = loadConfig(serviceEnvSchema);
const logger = createLogger({ service: 'web', level: env.LOG_LEVEL, format: logFormatOf(env) });
const registry = createRegistry({ service: 'web' });
const health = new Health();
const shutdown = new Shutdown(logger, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS, health });

// web hosts the api in-process (router/hybrid) only with the api's own store to share;
// built even while the method is rest, so a live switch to hybrid needs no restart.
// Its own Health: web stays ready while the in-process side is down (REST can serve).
const localApi = env.MONGODB_URI ? await startApiRuntime(env, { logger, registry, health: new Health() }) : undefined;
if (localApi) shutdown.addCloser('in-process api', () => localApi.close());
let localApiUp = true;
const connections = await connect({
  logger, metrics: registry, apiKey: env.API_KEY ?? '',
  defaults: { api: { method: env.API_METHOD, url: env.API_URL }, bot: { method: 'disabled' }, web: { method: 'rest' } },
  redis: env.REDIS_URL && env.BOTPLATFORM_NAME ? { url: env.REDIS_URL, platform: { prefix: env.REDIS_KEY_PREFIX, namespace: env.BOTPLATFORM_NAMESPACE, name: env.BOTPLATFORM_NAME } } : undefined,
  file: env.CONNECTIONS_FILE,
  localApi: localApi?.services,
  localApiHealthy: () => localApiUp,
  self: { service: 'web', ready: async () => (await health.readiness()).ready },
});
if (localApi) setInterval(() => void localApi.store.ping().then((up) => (localApiUp = up)), 2000).unref();
shutdown.addCloser('connections', () => connections.close());

const app = createWebApp({ kit: { logger, registry, health }, connections, auth: { keys: parseApiKeys(env.API_KEYS), jwtSecret: env.JWT_SECRET } });
const server = await listen(app, env.PORT ?? env.WEB_PORT, env.HOST);
shutdown.addServer(server);
shutdown.installSignalHandlers();
logger.info('web listening', { url: urlOf(server), api: connections.registry.get('api') });
