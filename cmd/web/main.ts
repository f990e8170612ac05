// web: REST for web clients; reaches the api by the connection method in force.
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { startHostedApi } from '../../internal/api/runtime.js';
import { botEnvFields } from '../../internal/bot/bot.config.js';
import { botRuntimeEnv, startBotRuntime, type BotRuntime } from '../../internal/bot/runtime.js';
import type { BotClient } from '../../internal/connect/bot-client.js';
import { connectService } from '../../internal/connect/service-connections.js';
import { AppError, listen, loadConfig, serviceEnvSchema, serviceProcess, urlOf } from '../../internal/shared/index.js';
import { createWebApp } from '../../internal/web/app.js';
import { webSignInFromEnv } from '../../internal/web/auth/index.js';
import { startLiveEvents } from '../../internal/web/live/index.js';
import { createGroupEventBus } from '../../internal/shared/events/group-events.js';
import { webEnvFields } from '../../internal/web/web.config.js';

const env = loadConfig(serviceEnvSchema.extend({ ...botEnvFields, ...webEnvFields }));
const { logger, registry, health, shutdown, telemetry } = serviceProcess('web', env);

// web hosts the api in-process (router/hybrid) when it has the api's own store to share.
const localApi = await startHostedApi(env, telemetry, shutdown);
// The bot runs inside web when its method is router or hybrid (DESIGN.md section 5). Its
// in-process side is built after the connections it needs, so the client reaches it lazily.
let localBotRuntime: BotRuntime | undefined;
const notHosted = () =>
  Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'the bot is not hosted in this web process (its method was not router or hybrid at start)'));
const localBot: BotClient = {
  sendMessage: (...args) => (localBotRuntime ? localBotRuntime.service.sendMessage(...args) : notHosted()),
  moderate: (...args) => (localBotRuntime ? localBotRuntime.service.moderate(...args) : notHosted()),
  status: () => (localBotRuntime ? localBotRuntime.service.status() : notHosted()),
};
const connections = await connectService({
  caller: 'web',
  env,
  process: { logger, registry, health, shutdown },
  defaults: { bot: { method: 'disabled' }, web: { method: 'rest' } },
  localApi,
  localBot: env.TELEGRAM_BOT_TOKEN ? localBot : undefined,
});

// With a token, web can send for the bot (hybrid's in-process side). It also receives the
// bot's updates only when the bot is router here: then no bot Deployment exists to do it.
const botMethod = connections.registry.get('bot').method;
if (env.TELEGRAM_BOT_TOKEN && (botMethod === 'router' || botMethod === 'hybrid')) {
  localBotRuntime = await startBotRuntime({ ...botRuntimeEnv(env), api: connections.api, logger, metrics: registry });
  const hosted = localBotRuntime;
  shutdown.addCloser('in-process bot', () => hosted.close());
}

const signIn = webSignInFromEnv(env, logger);
shutdown.addCloser('sessions', () => signIn.close());
const app = createWebApp({
  signIn: signIn.signIn,
  publicOrigin: signIn.publicOrigin,
  telemetry,
  connections,
  auth: { keys: parseApiKeys(env.API_KEYS), jwtSecret: env.JWT_SECRET },
  botWebhook: botMethod === 'router' ? localBotRuntime?.webhook : undefined,
  platformAdmins: env.PLATFORM_ADMINS,
});
const server = await listen(app, env.PORT ?? env.WEB_PORT, env.HOST);
shutdown.addServer(server);
// Live events come from the api this process hosts, or from the api processes through Redis.
const events = localApi?.events ?? createGroupEventBus({ redisUrl: env.REDIS_URL, prefix: env.REDIS_KEY_PREFIX, logger });
if (!localApi) shutdown.addCloser('group events', () => events.close());
startLiveEvents({ server, sessions: signIn.signIn.sessions, events, connections, publicOrigin: signIn.publicOrigin, logger, metrics: registry, shutdown });
shutdown.installSignalHandlers();
if (botMethod === 'router') await localBotRuntime?.start();
logger.info('web listening', { url: urlOf(server), api: connections.registry.get('api') });
