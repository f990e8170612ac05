import type { Health } from '../../shared/health.js';
import type { RouteTable } from '../../shared/routes/index.js';

const checks = {
  type: 'object',
  description: 'Each readiness check by name (store, cache, ...): whether it passed.',
  additionalProperties: { type: 'boolean' },
};
const health = {
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
const json = { content: { 'application/json': { schema: health } } };

/** GET /api/health: readiness plus what the api depends on, for people and dashboards (probes use /readyz). */
export function healthRoutes(table: RouteTable, readiness: Health, status?: () => Promise<Record<string, unknown>>): void {
  table.raw(
    {
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      tag: 'ops',
      auth: 'none',
      summary: 'Health with the state of each dependency',
      description: 'Readiness and what the api depends on, for people and dashboards; 503 while any check fails or the replica drains.',
      responses: { 200: { description: 'every check passes', ...json }, 503: { description: 'a check fails or the replica is shutting down', ...json } },
    },
    async (_req, res) => {
      const result = await readiness.readiness();
      const dependencies = (await status?.()) ?? {};
      res
        .status(result.ready ? 200 : 503)
        .json({ success: result.ready, data: { status: result.ready ? 'ok' : 'degraded', checks: result.checks, dependencies } });
    },
  );
}
