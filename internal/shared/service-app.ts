import express, { type Request, type RequestHandler } from 'express';
import { AppError } from './errors.js';
import type { Health } from './health.js';
import { errorMiddleware, notFoundHandler } from './http.js';
import type { Logger } from './logger.js';
import { httpMetricsMiddleware, type MetricsRegistry } from './metrics.js';
import { buildOpenApi, type DocumentInfo } from './openapi/document.js';
import { opsRoutes } from './routes/ops.routes.js';
import type { Authorizer } from './routes/route-spec.js';
import type { RouteTable } from './routes/route-table.js';

/** What a service reports through: its logger, its metrics registry and its readiness checks. */
export interface ServiceTelemetry {
  logger: Logger;
  registry: MetricsRegistry;
  health: Health;
}

export interface ServiceAppOptions {
  /** Title, version, description and tags of the service's OpenAPI document. */
  info: DocumentInfo;
  bodyLimit?: string;
  /** Sets `res.locals.auth` from the credentials; without one, every `bearer` route is a 401. */
  authenticate?: RequestHandler;
  /** The service's rule for people; without one, people may call only routes with no permission. */
  authorize?: Authorizer;
  /** Steps after authentication on every `bearer` route (the api's rate limit). */
  afterAuth?: readonly RequestHandler[];
  /** Steps before any route, for every request (web's CSRF guard). */
  beforeRoutes?: readonly RequestHandler[];
}

/**
 * The JSON body parser. GET and HEAD carry no body our routes read: skip the parser (and
 * its stream read) for them. A body in any other media type is refused with a 415 here:
 * the parser would skip it silently and the route would then say "expected object".
 * budget: api-cached-read (docs/budgets.md)
 */
function jsonBody(limit: string): RequestHandler {
  const types = ['application/json', 'application/*+json'];
  const parse = express.json({ limit, type: types });
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (hasBody(req) && !req.is(types)) {
      const type = req.get('content-type');
      return next(
        new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `the request body must be JSON (Content-Type: application/json)${type ? `, not ${type}` : ', and no Content-Type was sent'}`,
        ),
      );
    }
    parse(req, res, next);
  };
}

/** Whether the request carries a body at all (RFC 9112 6.3: a length above 0, or chunked). */
function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

const noCredentials: RequestHandler = (_req, _res, next) => next(new AppError('UNAUTHORIZED', 'this service takes no credentials for this route'));
const servicesAndOpenRoutes: Authorizer = (auth, _groupId, spec) =>
  auth.principal.kind === 'person' && (spec.servicesOnly || spec.permission)
    ? Promise.reject(new AppError('FORBIDDEN', 'this call is open to platform services only'))
    : Promise.resolve();

/**
 * The one HTTP shape every service has: request metrics, then its route table (with the
 * ops routes every service serves: /healthz, /readyz, /metrics, /openapi.json, /docs),
 * then the 404 and the one error middleware. The app does not listen; tests mount it on
 * port 0.
 */
export function createServiceApp(telemetry: ServiceTelemetry, table: RouteTable, opts: ServiceAppOptions): express.Express {
  opsRoutes(table, { health: telemetry.health, registry: telemetry.registry, title: opts.info.title, document: () => buildOpenApi(table, opts.info) });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(httpMetricsMiddleware(telemetry.registry));
  for (const step of opts.beforeRoutes ?? []) app.use(step);
  app.use(
    table.dispatcher({
      body: jsonBody(opts.bodyLimit ?? '1mb'),
      authenticate: opts.authenticate ?? noCredentials,
      authorize: opts.authorize ?? servicesAndOpenRoutes,
      ...(opts.afterAuth ? { afterAuth: opts.afterAuth } : {}),
    }),
  );
  app.use(notFoundHandler);
  app.use(errorMiddleware(telemetry.logger, telemetry.registry));
  return app;
}
