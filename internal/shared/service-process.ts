import { logFormatOf } from './config.js';
import { Health } from './health.js';
import { createLogger, type Logger } from './logger.js';
import { createRegistry, type MetricsRegistry } from './metrics.js';
import { Shutdown } from './shutdown.js';

/** What every service main starts with: its logger, metrics, health and shutdown. */
export interface ServiceProcess {
  logger: Logger;
  registry: MetricsRegistry;
  health: Health;
  shutdown: Shutdown;
  /** The three that apps and runtimes take (ServiceTelemetry). */
  telemetry: { logger: Logger; registry: MetricsRegistry; health: Health };
}

export function serviceProcess(
  service: string,
  env: { LOG_LEVEL: string; NODE_ENV: string; LOG_FORMAT?: 'json' | 'pretty' | undefined; SHUTDOWN_TIMEOUT_MS: number },
): ServiceProcess {
  const logger = createLogger({ service, level: env.LOG_LEVEL, format: logFormatOf(env) });
  const registry = createRegistry({ service });
  const health = new Health();
  const shutdown = new Shutdown(logger, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS, health });
  return { logger, registry, health, shutdown, telemetry: { logger, registry, health } };
}
