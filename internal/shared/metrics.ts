import client from 'prom-client';
import type { Request, Response, NextFunction, RequestHandler } from 'express';

export type MetricsRegistry = client.Registry;

/** A fresh registry with the default process metrics; one per service instance. */
export function createRegistry(labels: Record<string, string> = {}): client.Registry {
  const registry = new client.Registry();
  registry.setDefaultLabels(labels);
  client.collectDefaultMetrics({ register: registry });
  return registry;
}

/** Looks up a metric by name or creates it, so two apps in one process share it safely. */
export function counter<T extends string>(registry: client.Registry, name: string, help: string, labelNames: readonly T[] = []) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as client.Counter<T>;
  return new client.Counter<T>({ name, help, labelNames, registers: [registry] });
}

export function gauge<T extends string>(registry: client.Registry, name: string, help: string, labelNames: readonly T[] = []) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as client.Gauge<T>;
  return new client.Gauge<T>({ name, help, labelNames, registers: [registry] });
}

export function histogram<T extends string>(
  registry: client.Registry,
  name: string,
  help: string,
  labelNames: readonly T[] = [],
  buckets: number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as client.Histogram<T>;
  return new client.Histogram<T>({ name, help, labelNames, buckets, registers: [registry] });
}

/**
 * The route template (`/api/v2/groups/:groupId`), never the raw path: raw paths carry ids
 * and would give every group its own time series. Unmatched requests share one label.
 */
export function routeLabel(req: Request, res?: Response): string {
  // Routes dispatched by a route table (the api) leave their template here.
  const template: unknown = res?.locals.routeTemplate;
  if (typeof template === 'string') return template;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}` || '/';
  return 'unmatched';
}

export function httpMetricsMiddleware(registry: client.Registry): RequestHandler {
  const total = counter(registry, 'http_requests_total', 'HTTP requests served', ['method', 'route', 'status']);
  const duration = histogram(registry, 'http_request_duration_seconds', 'HTTP request duration', ['method', 'route', 'status']);
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeLabel(req, res), status: String(res.statusCode) };
      total.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
}

export function metricsHandler(registry: client.Registry): RequestHandler {
  return (_req, res, next) => {
    registry
      .metrics()
      .then((body) => {
        res.setHeader('Content-Type', registry.contentType);
        res.end(body);
      })
      .catch(next);
  };
}
