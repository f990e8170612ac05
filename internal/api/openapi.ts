import type { RouteTable } from './route-table.js';

export const API_BASE = '/api/v2';

/** The OpenAPI 3.1 document: paths from the route table, JSON Schema from zod. */
export function buildOpenApi(table: RouteTable, version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'botplatform api',
      version,
      description: 'Groups, members, roles, rules, settings, moderation actions, audit log and statistics for Telegram group bots.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths: table.openapiPaths(API_BASE),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A service API key (API_KEYS) or a person access token issued by web after Telegram Login.' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['success', 'error'],
          properties: {
            success: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'DEPENDENCY_UNAVAILABLE'] },
                message: { type: 'string' },
                details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
