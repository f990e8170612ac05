import type { JsonSchema } from './json-schema.js';
import type { PathItems } from './operations.js';

/**
 * The operational endpoints every api replica serves beside /api/v2 (health, readiness,
 * metrics, this document, its viewer). They take no credentials: probes and scrapers
 * carry none, and they reveal no group data.
 */
const checks: JsonSchema = {
  type: 'object',
  description: 'Each readiness check by name (store, cache, ...): whether it passed.',
  additionalProperties: { type: 'boolean' },
};

const json = (schema: JsonSchema) => ({ content: { 'application/json': { schema } } });

const health: JsonSchema = {
  type: 'object',
  required: ['success', 'data'],
  properties: {
    success: { type: 'boolean', description: 'Whether every readiness check passed.' },
    data: {
      type: 'object',
      required: ['status', 'checks', 'dependencies'],
      properties: {
        status: { type: 'string', enum: ['ok', 'degraded'] },
        checks,
        dependencies: { type: 'object', description: 'What the api runs on (store backend, cache mode) and whether each is up.' },
      },
    },
  },
};

const readiness = (status: string): JsonSchema => ({
  type: 'object',
  required: ['status', 'checks'],
  properties: { status: { const: status }, checks },
});

const op = (operationId: string, summary: string, description: string, responses: JsonSchema) => ({
  get: { operationId, summary, description, tags: ['ops'], security: [], parameters: [], responses },
});

/** The ops endpoints' paths: what the document lists beside /api/v2, and all GET only. */
export const OPS_PATHS = ['/api/health', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'] as const;

/** Typed by OPS_PATHS, so the list and the document cannot drift. */
export function opsPaths(): Record<(typeof OPS_PATHS)[number], PathItems[string]> {
  return {
    '/api/health': op('getHealth', 'Health with the state of each dependency', 'Readiness and what the api depends on, for people and dashboards; 503 while any check fails or the replica drains.', {
      200: { description: 'every check passes', ...json(health) },
      503: { description: 'a check fails or the replica is shutting down', ...json(health) },
    }),
    '/healthz': op('getHealthz', 'Liveness', 'Whether the process answers; restarting never fixes a dependency, so this checks none.', {
      200: { description: 'the process answers', ...json({ type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) },
    }),
    '/readyz': op('getReadyz', 'Readiness', 'Whether this replica should get traffic: every registered check passes and it is not draining.', {
      200: { description: 'ready', ...json(readiness('ready')) },
      503: { description: 'not ready: a check fails or the replica is shutting down', ...json(readiness('not ready')) },
    }),
    '/metrics': op('getMetrics', 'Prometheus metrics', 'The Prometheus text exposition of this replica.', {
      200: { description: 'the metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
    }),
    '/openapi.json': op('getOpenApi', 'This OpenAPI document', 'The OpenAPI 3.1 document of the api, built from its route declarations.', {
      200: { description: 'the document', ...json({ type: 'object', required: ['openapi', 'info', 'paths'] }) },
    }),
    '/docs': op('getDocs', 'Swagger UI for this document', 'Swagger UI served from the api itself: no request leaves its origin.', {
      200: { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
    }),
  };
}
