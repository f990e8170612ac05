import { errorComponents, errorSchema } from './openapi/errors.js';
import { routePaths } from './openapi/operations.js';
import { opsPaths } from './openapi/ops.js';

export { OPS_PATHS } from './openapi/ops.js';
import type { RouteTable } from './route-table.js';

export const API_BASE = '/api/v2';

/** The header a service names the acting Telegram user in (auth/principal.ts reads it). */
const actorHeader = {
  name: 'X-Actor-Id',
  in: 'header',
  required: false,
  description:
    'Services only: the Telegram user the call is made for, recorded as the actor in the audit log. ' +
    'A person (access token) sending it is refused with 403: they could act in another\'s name.',
  schema: { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, not: { const: 0 } },
};

/**
 * The OpenAPI 3.1 document: operations from the route table's declarations (JSON Schema
 * from their zod schemas), the ops endpoints, and the error responses every route shares.
 */
export function buildOpenApi(table: RouteTable, version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'botplatform api',
      version,
      description:
        'Groups, members, roles, rules, settings, moderation actions, audit log and statistics for Telegram group bots. ' +
        'Every answer is an envelope: `{success: true, data, message?}` or `{success: false, error: {code, message, details}}`. ' +
        'Lists take `limit` (at most 100) and an opaque `cursor`, and answer `{items, next_cursor}`. ' +
        'Telegram ids are integers below 2^53 in magnitude; group ids are negative.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'groups' }, { name: 'users' }, { name: 'roles' }, { name: 'rules' }, { name: 'settings' },
      { name: 'actions' }, { name: 'audit' }, { name: 'permissions' }, { name: 'stats' },
      { name: 'ops', description: 'Health, readiness, metrics and this document; no credentials needed.' },
    ],
    paths: { ...routePaths(table.specs(), API_BASE), ...opsPaths() },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A service API key (API_KEYS) or a person access token issued by web after Telegram Login.' },
      },
      parameters: { XActorId: actorHeader },
      responses: errorComponents(),
      schemas: { Error: errorSchema() },
    },
  };
}
