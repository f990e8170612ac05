// All-in-one local process (what `make run` starts): api, bot and web in one Node
// process on their usual ports, with the in-memory store and cache by default.
import { createServiceApp, finishApp, createLogger, createRegistry, Health, listen, loadConfig, logFormatOf, platformEnvSchema, Shutdown, urlOf } from '../../internal/shared/index.js';

const env = loadConfig(platformEnvSchema);
const logger = createLogger({ service: 'platform', level: env.LOG_LEVEL, format: logFormatOf(env) });
const health = new Health();
const shutdown = new Shutdown(logger, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS, health });

const services = [
  { name: 'api', port: env.API_PORT },
  { name: 'bot', port: env.BOT_PORT },
  { name: 'web', port: env.WEB_PORT },
] as const;

for (const { name, port } of services) {
  const kit = { logger: createLogger({ service: name, level: env.LOG_LEVEL, format: logFormatOf(env) }), registry: createRegistry({ service: name }), health };
  const app = finishApp(createServiceApp(kit), kit);
  const server = await listen(app, port, env.HOST);
  shutdown.addServer(server);
  logger.info(`${name} listening`, { url: urlOf(server) });
}

shutdown.installSignalHandlers();
