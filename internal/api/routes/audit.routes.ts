import { auditReadRoutes, groupPath, logRecord, logSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function auditRoutes(t: RouteScope, s: Services): void {
  t.add(auditReadRoutes.list, async ({ params, query }) => ({ data: await s.audit.list(params.groupId, query) }));
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/logs',
      operationId: 'recordLog',
      tag: 'audit',
      summary: 'Record an event in the audit log (what a service did that is no action: an announcement sent, spam deleted)',
      params: groupPath,
      body: logRecord.omit({ group_id: true }),
      response: logSchema,
      status: 201,
      servicesOnly: true,
    },
    async ({ params, body, auth }) => ({ data: await s.audit.record({ ...body, group_id: params.groupId }, ctxOf(auth)), message: 'recorded' }),
  );
}
