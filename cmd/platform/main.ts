// All-in-one local process (what `make run` starts): api, bot and web in one Node
// process on their usual ports, with the in-memory store and cache by default.
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../internal/api/app.js';
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { startApiRuntime } from '../../internal/api/runtime.js';
import { createBotApp } from '../../internal/bot/app.js';
import { botEnvFields } from '../../internal/bot/bot.config.js';
import { startBotRuntime } from '../../internal/bot/runtime.js';
import { inProcessApiClient } from '../../internal/connect/api.in-process.js';
import { ALL_ROUTER, connect } from '../../internal/connect/connections.js';
import { createWebApp } from '../../internal/web/app.js';
import { webSignInFromEnv } from '../../internal/web/auth/index.js';
import { startLiveEvents } from '../../internal/web/live/index.js';
import { webEnvFields } from '../../internal/web/web.config.js';
import { createLogger, createRegistry, Health, listen, loadConfig, logFormatOf, platformEnvSchema, Shutdown, urlOf } from '../../internal/shared/index.js';

const env = loadConfig(platformEnvSchema.extend({ TELEGRAM_API_ROOT: botEnvFields.TELEGRAM_API_ROOT, ...webEnvFields }));
const loggerFor = (service: string) => createLogger({ service, level: env.LOG_LEVEL, format: logFormatOf(env) });
const logger = loggerFor('platform');
const health = new Health();
const shutdown = new Shutdown(logger, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS, health });

// A local run needs a key to call the api; one is made up for this run unless API_KEYS says.
const adminKey = env.API_KEYS ? undefined : randomBytes(24).toString('base64url');
const keys = parseApiKeys(env.API_KEYS ?? `admin:${adminKey}`);
// People's tokens need a secret that web signs and the api checks: made up for this run unless JWT_SECRET says.
const jwtSecret = env.JWT_SECRET ?? randomBytes(32).toString('base64url');

const apiTelemetry = { logger: loggerFor('api'), registry: createRegistry({ service: 'api' }), health };
const runtime = await startApiRuntime(env, apiTelemetry);
shutdown.addCloser('api dependencies', () => runtime.close());
const apiApp = createApiApp({
  telemetry: apiTelemetry,
  services: runtime.services,
  auth: { keys, jwtSecret },
  status: () => runtime.status(),
  bodyLimit: env.API_BODY_LIMIT,
  rateLimit: runtime.rateLimit().middleware,
});

// One process hosts all three, so every callee is reached in-process (router).
// The bot polls when TELEGRAM_BOT_TOKEN is set; without it, it logs how to enable it.
const botTelemetry = { logger: loggerFor('bot'), registry: createRegistry({ service: 'bot' }), health };
const bot = await startBotRuntime({
  token: env.TELEGRAM_BOT_TOKEN,
  mode: 'polling',
  apiRoot: env.TELEGRAM_API_ROOT,
  redisUrl: env.REDIS_URL,
  keyPrefix: env.REDIS_KEY_PREFIX,
  api: inProcessApiClient(runtime.services, 'bot'),
  logger: botTelemetry.logger,
  metrics: botTelemetry.registry,
});
shutdown.addCloser('bot', () => bot.close());

const webTelemetry = { logger: loggerFor('web'), registry: createRegistry({ service: 'web' }), health };
const connections = await connect({
  logger: webTelemetry.logger,
  metrics: webTelemetry.registry,
  defaults: ALL_ROUTER,
  apiKey: '',
  caller: 'web',
  localApi: runtime.services,
  localBot: bot.service,
});
shutdown.addCloser('connections', () => connections.close());
// One process, one set of methods (all router): the bot shows the same registry web uses.
const botApp = createBotApp({ telemetry: botTelemetry, service: bot.service, connections: connections.registry, auth: { keys, jwtSecret } });
const signIn = webSignInFromEnv({ ...env, JWT_SECRET: jwtSecret }, webTelemetry.logger);
shutdown.addCloser('sessions', () => signIn.close());
const webApp = createWebApp({
  telemetry: webTelemetry,
  connections,
  auth: { keys, jwtSecret },
  signIn: signIn.signIn,
  publicOrigin: signIn.publicOrigin,
});

const apps = [
  { name: 'api', app: apiApp, port: env.API_PORT },
  { name: 'bot', app: botApp, port: env.BOT_PORT },
  { name: 'web', app: webApp, port: env.WEB_PORT },
];

const urls: Record<string, string> = {};
for (const { name, app, port } of apps) {
  const server = await listen(app, port, env.HOST);
  shutdown.addServer(server);
  urls[name] = urlOf(server);
  if (name === 'web') {
    startLiveEvents({
      server,
      sessions: signIn.signIn.sessions,
      events: runtime.events,
      connections,
      publicOrigin: signIn.publicOrigin,
      logger: webTelemetry.logger,
      metrics: webTelemetry.registry,
      shutdown,
    });
  }
}
shutdown.installSignalHandlers();
await bot.start().catch(async (err: unknown) => {
  // e.g. another instance already polls this token: say so and stop, rather than fight it.
  logger.error('bot could not start', { error: (err as Error).message });
  await shutdown.run();
  process.exit(1);
});
logger.info('platform running', { ...urls, store: env.MONGODB_URI ? 'mongodb' : 'memory', cache: env.REDIS_URL ? 'redis' : 'memory' });
// Printed, not logged: logs are shipped elsewhere and must never carry a key.
process.stdout.write(
  `\n  api   ${urls.api}/api/v2   (docs: ${urls.api}/docs)\n  bot   ${urls.bot}\n  web   ${urls.web}\n` +
    (adminKey ? `  admin key for this run: ${adminKey}\n  try: curl -H 'Authorization: Bearer ${adminKey}' ${urls.api}/api/v2/groups\n\n` : '\n'),
);
