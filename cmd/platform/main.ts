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
import { seedDemoGroup } from '../../internal/sandbox/demo-group.js';
import { startPlayground } from '../../internal/sandbox/playground.js';
import { createWebApp } from '../../internal/web/app.js';
import { webSignInFromEnv } from '../../internal/web/auth/index.js';
import { startLiveEvents } from '../../internal/web/live/index.js';
import { OneTimeCodes } from '../../internal/web/playground/one-time-codes.js';
import { webEnvFields } from '../../internal/web/web.config.js';
import { createLogger, createRegistry, Health, listen, loadConfig, logFormatOf, platformEnvSchema, Shutdown, urlOf } from '../../internal/shared/index.js';
import { z } from 'zod';

const env = loadConfig(
  platformEnvSchema.extend({
    TELEGRAM_API_ROOT: botEnvFields.TELEGRAM_API_ROOT,
    ...webEnvFields,
    /** Without a token the bot runs against the built-in simulated Telegram unless this says off. */
    PLAYGROUND: z.enum(['auto', 'off']).default('auto'),
  }),
);
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
// Without a token the real bot talks to the playground's simulated Telegram, with a demo group.
const playground = !env.TELEGRAM_BOT_TOKEN && env.PLAYGROUND === 'auto' ? await startPlayground() : undefined;
if (playground) shutdown.addCloser('playground', () => playground.stop());
// The playground's owner runs this whole local platform: a platform admin, in the api and in web.
const platformAdmins = [...env.PLATFORM_ADMINS, ...(playground ? [playground.ownerId] : [])];
const runtime = await startApiRuntime({ ...env, PLATFORM_ADMINS: platformAdmins }, apiTelemetry);
shutdown.addCloser('api dependencies', () => runtime.close());
const apiApp = createApiApp({
  telemetry: apiTelemetry,
  services: runtime.services,
  auth: { keys, jwtSecret },
  status: () => runtime.status(),
  bodyLimit: env.API_BODY_LIMIT,
  rateLimit: runtime.rateLimit().middleware,
});

if (playground) await seedDemoGroup(inProcessApiClient(runtime.services, 'sandbox'), playground);

// One process hosts all three, so every callee is reached in-process (router).
// The bot polls Telegram (or the playground); with neither, it logs how to enable it.
const botTelemetry = { logger: loggerFor('bot'), registry: createRegistry({ service: 'bot' }), health };
const bot = await startBotRuntime({
  token: playground?.telegram.token ?? env.TELEGRAM_BOT_TOKEN,
  mode: 'polling',
  apiRoot: playground?.telegram.apiRoot ?? env.TELEGRAM_API_ROOT,
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
// The playground's one-time link: valid for a day, spent when opened.
const codes = new OneTimeCodes(24 * 3600 * 1000);
const sessions = signIn.signIn.sessions;
const webApp = createWebApp({
  telemetry: webTelemetry,
  connections,
  auth: { keys, jwtSecret },
  signIn: signIn.signIn,
  publicOrigin: signIn.publicOrigin,
  playground: playground && sessions ? { playground, codes, sessions } : undefined,
  platformAdmins,
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
playground?.addBot();
logger.info('platform running', {
  ...urls,
  store: env.MONGODB_URI ? 'mongodb' : 'memory',
  cache: env.REDIS_URL ? 'redis' : 'memory',
  telegram: playground ? 'playground' : env.TELEGRAM_BOT_TOKEN ? 'telegram' : 'none',
});
// Printed, not logged: logs are shipped elsewhere and must never carry a key or a sign-in link.
process.stdout.write(
  `\n  api   ${urls.api}/api/v2   (docs: ${urls.api}/docs)\n  bot   ${urls.bot}\n  web   ${urls.web}\n` +
    (adminKey ? `  admin key for this run: ${adminKey}\n  try: curl -H 'Authorization: Bearer ${adminKey}' ${urls.api}/api/v2/groups\n` : '') +
    (playground
      ? `  playground (simulated Telegram): open ${urls.web}/#playground=${codes.issue(playground.ownerId)}\n    to sign in once as the demo group's owner\n`
      : '') +
    '\n',
);
