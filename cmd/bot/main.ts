// bot: the telegraf bot; reaches the api by the connection method in force.
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { startHostedApi } from '../../internal/api/runtime.js';
import { createBotApp } from '../../internal/bot/app.js';
import { botEnvSchema } from '../../internal/bot/bot.config.js';
import { botRuntimeEnv, startBotRuntime } from '../../internal/bot/runtime.js';
import { connectService } from '../../internal/connect/service-connections.js';
import { listen, loadConfig, serviceProcess, urlOf } from '../../internal/shared/index.js';

const env = loadConfig(botEnvSchema);
const { logger, registry, health, shutdown, telemetry } = serviceProcess('bot', env);

// The api runs in-process inside the bot (router/hybrid) when the bot has the api's store.
const localApi = await startHostedApi(env, telemetry, shutdown);
const connections = await connectService({
  caller: 'bot',
  env,
  process: { logger, registry, health, shutdown },
  defaults: { bot: { method: 'rest', url: null }, web: { method: 'rest', url: null } },
  localApi,
});

const bot = await startBotRuntime({ ...botRuntimeEnv(env), api: connections.api, logger, metrics: registry });
health.register('telegram', () => bot.ready());
shutdown.addCloser('bot', () => bot.close());

const app = createBotApp({
  telemetry,
  service: bot.service,
  connections: connections.registry,
  auth: { keys: parseApiKeys(env.API_KEYS), jwtSecret: env.JWT_SECRET },
  webhook: bot.webhook,
});
const server = await listen(app, env.PORT ?? env.BOT_PORT, env.HOST);
shutdown.addServer(server);
shutdown.installSignalHandlers();
await bot.start().catch(async (err: unknown) => {
  // e.g. another instance already polls this token: say so and stop, rather than fight it.
  logger.error('bot could not start', { error: (err as Error).message });
  await shutdown.run();
  process.exit(1);
});
logger.info('bot listening', { url: urlOf(server), mode: env.BOT_MODE, api: connections.registry.get('api') });
