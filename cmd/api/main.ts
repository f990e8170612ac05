// The api service: groups, members, roles, rules, settings, actions, audit log, stats.
import { createApiApp } from '../../internal/api/app.js';
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { startApiRuntime } from '../../internal/api/runtime.js';
import { HealthBeacon } from '../../internal/connect/health-beacon.js';
import { platformRefOf } from '../../internal/connect/connection-keys.js';
import { listen, loadConfig, serviceEnvSchema, serviceProcess, urlOf } from '../../internal/shared/index.js';

const env = loadConfig(serviceEnvSchema);
const { logger, health, shutdown, telemetry } = serviceProcess('api', env);

const keys = parseApiKeys(env.API_KEYS);
if (keys.length === 0) logger.warn('API_KEYS is empty: only people with a JWT can call the api');
const runtime = await startApiRuntime(env, telemetry);
shutdown.addCloser('api dependencies', () => runtime.close());

const app = createApiApp({
  telemetry,
  services: runtime.services,
  auth: { keys, jwtSecret: env.JWT_SECRET },
  status: () => runtime.status(),
  bodyLimit: env.API_BODY_LIMIT,
  rateLimit: runtime.rateLimit().middleware,
});
const server = await listen(app, env.PORT ?? env.API_PORT, env.HOST);
// In a BotPlatform, peers read this key to tell a live api from a dead one.
const platform = platformRefOf(env);
if (env.REDIS_URL && platform) {
  const beacon = new HealthBeacon({ url: env.REDIS_URL, platform, service: 'api', ready: async () => (await health.readiness()).ready, logger });
  beacon.start();
  shutdown.addCloser('health beacon', () => beacon.close());
}
shutdown.addServer(server);
shutdown.installSignalHandlers();
logger.info('api listening', { url: urlOf(server), store: env.MONGODB_URI ? 'mongodb' : 'memory', cache: env.REDIS_URL ? 'redis' : 'memory' });
