import type { RequestHandler } from 'express';
import type { Health } from '../health.js';
import { metricsHandler, type MetricsRegistry } from '../metrics.js';
import { docsPages } from '../openapi/docs.js';
import type { RouteTable } from './route-table.js';

export interface OpsDeps {
  health: Health;
  registry: MetricsRegistry;
  /**
   * The service's OpenAPI document, built on first request (JSON Schema of every route costs
   * heap). budget: api-rss (docs/budgets.md)
   */
  document: () => Record<string, unknown>;
  /** The docs page title (`botplatform api`). */
  title: string;
}

type Schema = Record<string, unknown>;
const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });
const checks: Schema = {
  type: 'object',
  description: 'Each readiness check by name (store, cache, ...): whether it passed.',
  additionalProperties: { type: 'boolean' },
};
const readiness = (status: string): Schema => ({ type: 'object', required: ['status', 'checks'], properties: { status: { const: status }, checks } });
const text = (type: string) => ({ content: { [type]: { schema: { type: 'string' } } } });

/**
 * What every service serves beside its own routes: liveness, readiness, metrics, its
 * OpenAPI document and Swagger UI. No credentials: probes and scrapers carry none, and
 * none of these reveals group data.
 */
export function opsRoutes(table: RouteTable, deps: OpsDeps): void {
  const ops = { tag: 'ops', auth: 'none' as const };
  table.raw(
    {
      ...ops,
      method: 'get',
      path: '/healthz',
      operationId: 'getHealthz',
      summary: 'Liveness',
      description: 'Whether the process answers; restarting never fixes a dependency, so this checks none.',
      responses: { 200: { description: 'the process answers', ...json({ type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) } },
    },
    (_req, res) => void res.json({ status: 'ok' }),
  );
  table.raw(
    {
      ...ops,
      method: 'get',
      path: '/readyz',
      operationId: 'getReadyz',
      summary: 'Readiness',
      description: 'Whether this replica should get traffic: every registered check passes and it is not draining.',
      responses: {
        200: { description: 'ready', ...json(readiness('ready')) },
        503: { description: 'not ready: a check fails or the replica is shutting down', ...json(readiness('not ready')) },
      },
    },
    async (_req, res) => {
      const result = await deps.health.readiness();
      res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
    },
  );
  table.raw(
    {
      ...ops,
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      description: 'The Prometheus text exposition of this replica.',
      responses: { 200: { description: 'the metrics', ...text('text/plain') } },
    },
    metricsHandler(deps.registry),
  );
  let document: Record<string, unknown> | undefined;
  table.raw(
    {
      ...ops,
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This OpenAPI document',
      description: 'The OpenAPI 3.1 document of this service, built from its route declarations.',
      responses: { 200: { description: 'the document', ...json({ type: 'object', required: ['openapi', 'info', 'paths'] }) } },
    },
    (_req, res) => void res.json((document ??= deps.document())),
  );
  const docs = docsPages('/openapi.json', deps.title);
  const page: RequestHandler = docs.page;
  table.raw(
    {
      ...ops,
      method: 'get',
      path: '/docs',
      operationId: 'getDocs',
      summary: 'Swagger UI for this document',
      description: 'Swagger UI served from the service itself: no request leaves its origin.',
      responses: { 200: { description: 'the page', ...text('text/html') } },
    },
    page,
  );
  table.raw({ ...ops, method: 'get', path: '/docs/init.js', operationId: 'getDocsInit', summary: 'Swagger UI set-up', hidden: true }, docs.init);
  table.raw({ ...ops, method: 'get', path: '/docs/assets/*', operationId: 'getDocsAsset', summary: 'Swagger UI files', hidden: true }, docs.assets);
}
