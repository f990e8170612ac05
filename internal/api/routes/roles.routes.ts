import { z } from 'zod';
import { groupIdParam, groupPath, pageSchema, roleCreate, roleListQuery, roleName, rolePatch, roleSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

const rolePath = z.strictObject({ groupId: groupIdParam, name: roleName });

export function roleRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/roles',
      operationId: 'createRole',
      tag: 'roles',
      summary: 'Create a custom role',
      params: groupPath,
      body: roleCreate,
      response: roleSchema,
      status: 201,
      permission: 'roles.manage',
      errors: { 409: 'A role with this name exists in the group.' },
    },
    async ({ params, body, auth }) => ({ data: await s.roles.create(params.groupId, body, ctxOf(auth)), message: 'role created' }),
  );
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/roles',
      operationId: 'listRoles',
      tag: 'roles',
      summary: 'List roles',
      params: groupPath,
      query: roleListQuery,
      response: pageSchema(roleSchema),
      permission: 'members.view',
    },
    async ({ params, query }) => ({ data: await s.roles.list(params.groupId, query) }),
  );
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
  t.add(
    {
      method: 'patch',
      path: '/groups/:groupId/roles/:name',
      operationId: 'updateRole',
      tag: 'roles',
      summary: 'Change a role',
      params: rolePath,
      body: rolePatch,
      response: roleSchema,
      permission: 'roles.manage',
      errors: { 404: 'The group, or the role in it, does not exist.' },
    },
    async ({ params, body, auth }) => ({ data: await s.roles.update(params.groupId, params.name, body, ctxOf(auth)), message: 'role updated' }),
  );
  t.add(
    {
      method: 'delete',
      path: '/groups/:groupId/roles/:name',
      operationId: 'deleteRole',
      tag: 'roles',
      summary: 'Delete a custom role',
      params: rolePath,
      permission: 'roles.manage',
      errors: {
        404: 'The group, or the role in it, does not exist.',
        409: 'owner and member are built in, and a role that members hold stays until they have another.',
      },
    },
    async ({ params, auth }) => {
      await s.roles.delete(params.groupId, params.name, ctxOf(auth));
      return { data: null, message: 'role deleted' };
    },
  );
}
