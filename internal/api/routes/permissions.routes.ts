import { groupPath, permissionCheckBody, permissionCheckResult, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';

export function permissionRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/permissions/check',
      operationId: 'checkPermission',
      tag: 'permissions',
      summary: 'Whether a member may do something, from their role and Telegram admin rights',
      params: groupPath,
      body: permissionCheckBody,
      response: permissionCheckResult,
      servicesOnly: true,
    },
    async ({ params, body }) => ({ data: await s.permissions.check({ ...body, group_id: params.groupId }) }),
  );
}
