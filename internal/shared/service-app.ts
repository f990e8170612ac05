import express, { type Request, type RequestHandler } from 'express';
import { AppError } from './errors.js';
import { healthRouter, type Health } from './health.js';
import { errorMiddleware, notFoundHandler } from './http.js';
import type { Logger } from './logger.js';
import { httpMetricsMiddleware, metricsHandler, type MetricsRegistry } from './metrics.js';

export interface ServiceKit {
  logger: Logger;
  registry: MetricsRegistry;
  health: Health;
}

export interface ServiceAppOptions {
  bodyLimit?: string;
  /**
   * The service's hot path, one middleware right after the request metrics and before the
   * health, metrics and docs routers, so its requests do not walk through them. It checks
   * its own path prefix (no mount: Express would strip and restore it on every request).
   * Paths are disjoint, so the order changes nothing but the cost. Gets the JSON body parser.
   */
  hot?: (body: RequestHandler) => RequestHandler;
}

/**
 * The JSON body parser. GET and HEAD carry no body our routes read: skip the parser (and
 * its stream read) for them. A body in any other media type is refused with a 415 here:
 * the parser would skip it silently and the route would then say "expected object".
 */
function jsonBody(limit: string): RequestHandler {
  const types = ['application/json', 'application/*+json'];
  const parse = express.json({ limit, type: types });
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (hasBody(req) && !req.is(types)) {
      const type = req.get('content-type');
      return next(new AppError('UNSUPPORTED_MEDIA_TYPE', `the request body must be JSON (Content-Type: application/json)${type ? `, not ${type}` : ', and no Content-Type was sent'}`));
    }
    parse(req, res, next);
  };
}

/** Whether the request carries a body at all (RFC 9112 6.3: a length above 0, or chunked). */
function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/**
 * The Express skeleton every service shares: request metrics, `/healthz`, `/readyz`,
 * `/metrics`, a JSON body limit. Callers mount their routes, then call `finishApp`.
 */
export function createServiceApp(kit: ServiceKit, opts: ServiceAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const body = jsonBody(opts.bodyLimit ?? '1mb');
  app.use(httpMetricsMiddleware(kit.registry));
  if (opts.hot) app.use(opts.hot(body));
  app.use(healthRouter(kit.health));
  app.get('/metrics', metricsHandler(kit.registry));
  app.use(body);
  return app;
}

/** 404 for unknown routes and the one error middleware; mount last. */
export function finishApp(app: express.Express, kit: ServiceKit): express.Express {
  app.use(notFoundHandler);
  app.use(errorMiddleware(kit.logger, kit.registry));
  return app;
}
