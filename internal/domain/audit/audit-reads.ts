import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupPath, pageSchema } from '../common/index.js';
import { logListQuery, logSchema } from './audit.schema.js';

/** Reading a group's audit log, declared once: the api serves it, web forwards it (see group-reads). */
export const auditReadRoutes = {
  list: {
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
} as const satisfies Record<string, AnyRouteSpec>;
