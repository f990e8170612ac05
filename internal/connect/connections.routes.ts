import type { RouteTable } from '../shared/routes/index.js';
import type { ConnectionRegistry } from './registry.js';

const connection = {
  type: 'object',
  required: ['method', 'source'],
  properties: {
    method: { type: 'string', enum: ['router', 'rest', 'hybrid', 'disabled'] },
    url: { type: ['string', 'null'] },
    source: { type: 'string', description: 'Where the method came from: redis, file or env.' },
  },
};
const snapshot = {
  type: 'object',
  required: ['hash', 'redis', 'services'],
  properties: {
    hash: { type: ['string', 'null'], description: 'The connections hash in force (the operator writes it), when one was read.' },
    redis: { type: 'string', enum: ['up', 'down', 'not configured'] },
    services: { type: 'object', properties: { api: connection, bot: connection, web: connection } },
  },
};

/** GET /connections: how this process reaches each service, for operators and the dashboard's platform page. */
export function connectionsRoute(table: RouteTable, registry: Pick<ConnectionRegistry, 'snapshot'>): void {
  table.raw(
    {
      method: 'get',
      path: '/connections',
      operationId: 'getConnections',
      tag: 'ops',
      auth: 'none',
      summary: 'The effective connection method of each service, and where it came from',
      responses: { 200: { description: 'the methods in force', content: { 'application/json': { schema: snapshot } } } },
    },
    (_req, res) => void res.json(registry.snapshot()),
  );
}
