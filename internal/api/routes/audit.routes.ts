import { groupPath, logListQuery, logSchema, pageSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';

export function auditRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/logs',
      operationId: 'listLogs',
      tag: 'audit',
      summary: 'The audit log (30 days), newest first',
      params: groupPath,
      query: logListQuery,
      response: pageSchema(logSchema),
      permission: 'logs.view',
    },
    async ({ params, query }) => ({ data: await s.audit.list(params.groupId, query) }),
  );
}
