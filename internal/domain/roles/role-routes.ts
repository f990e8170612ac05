import { z } from 'zod';
import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupIdParam, groupPath } from '../common/ids.schema.js';
import { pageSchema } from '../common/pagination.js';
import { roleCreate, roleListQuery, roleName, rolePatch, roleSchema } from './roles.schema.js';

export const rolePath = z.strictObject({ groupId: groupIdParam, name: roleName });

/** A group's roles, declared once: the api serves them, web forwards them (the dashboard's roles editor). */
export const roleRouteSpecs = {
  create: {
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
  list: {
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
  update: {
    method: 'patch',
    path: '/groups/:groupId/roles/:name',
    operationId: 'updateRole',
    tag: 'roles',
    summary: 'Change a role',
    params: rolePath,
    body: rolePatch,
    response: roleSchema,
    permission: 'roles.manage',
    errors: { 404: 'The group, or the role in it, does not exist.', 409: 'The owner role always holds every permission.' },
  },
  delete: {
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
} as const satisfies Record<string, AnyRouteSpec>;
