import { rolePath, roleRouteSpecs, roleSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function roleRoutes(t: RouteScope, s: Services): void {
  t.add(roleRouteSpecs.create, async ({ params, body, auth }) => ({ data: await s.roles.create(params.groupId, body, ctxOf(auth)), message: 'role created' }));
  t.add(roleRouteSpecs.list, async ({ params, query }) => ({ data: await s.roles.list(params.groupId, query) }));
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/roles/:name',
      operationId: 'getRole',
      tag: 'roles',
      summary: 'Get a role',
      params: rolePath,
      response: roleSchema,
      permission: 'members.view',
      errors: { 404: 'The group, or the role in it, does not exist.' },
    },
    async ({ params }) => ({ data: await s.roles.get(params.groupId, params.name) }),
  );
  t.add(roleRouteSpecs.update, async ({ params, body, auth }) => ({
    data: await s.roles.update(params.groupId, params.name, body, ctxOf(auth)),
    message: 'role updated',
  }));
  t.add(roleRouteSpecs.delete, async ({ params, auth }) => {
    await s.roles.delete(params.groupId, params.name, ctxOf(auth));
    return { data: null, message: 'role deleted' };
  });
}
