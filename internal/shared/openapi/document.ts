import type { RouteTable } from '../routes/route-table.js';
import { errorComponents, errorSchema } from './errors.js';
import { routePaths } from './operations.js';

/** The header a service names the acting Telegram user in (auth/principal.ts reads it). */
const actorHeader = {
  name: 'X-Actor-Id',
  in: 'header',
  required: false,
  description:
    'Services only: the Telegram user the call is made for, recorded as the actor in the audit log. ' +
    "A person (access token) sending it is refused with 403: they could act in another's name.",
  schema: { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, not: { const: 0 } },
};

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
  tags: { name: string; description?: string }[];
}

/**
 * A service's OpenAPI 3.1 document: every operation from its route table's declarations
 * (JSON Schema from their zod schemas), and the error responses every route shares.
 */
export function buildOpenApi(table: RouteTable, info: DocumentInfo): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [...info.tags, { name: 'ops', description: 'Health, readiness, metrics and this document; no credentials needed.' }],
    paths: routePaths(table.routes()),
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
