import express from 'express';
import { healthRouter, type Health } from './health.js';
import { errorMiddleware, notFoundHandler } from './http.js';
import type { Logger } from './logger.js';
import { httpMetricsMiddleware, metricsHandler, type MetricsRegistry } from './metrics.js';

export interface ServiceKit {
  logger: Logger;
  registry: MetricsRegistry;
  health: Health;
}

/**
 * The Express skeleton every service shares: request metrics, `/healthz`, `/readyz`,
 * `/metrics`, a JSON body limit. Callers mount their routes, then call `finishApp`.
 */
export function createServiceApp(kit: ServiceKit, opts: { bodyLimit?: string } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(httpMetricsMiddleware(kit.registry));
  app.use(healthRouter(kit.health));
  app.get('/metrics', metricsHandler(kit.registry));
  app.use(express.json({ limit: opts.bodyLimit ?? '1mb' }));
  return app;
}

/** 404 for unknown routes and the one error middleware; mount last. */
export function finishApp(app: express.Express, kit: ServiceKit): express.Express {
  app.use(notFoundHandler);
  app.use(errorMiddleware(kit.logger, kit.registry));
  return app;
}
