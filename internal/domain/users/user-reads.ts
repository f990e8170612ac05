import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { warningsSchema } from '../actions/actions.schema.js';
import { groupPath, groupUserPath, pageSchema } from '../common/index.js';
import { userListQuery, userPatch, userSchema } from './users.schema.js';

/**
 * A group's members as the dashboard uses them, declared once: the api serves these routes,
 * web forwards them under the person's identity (see group-reads).
 */
export const userReadRoutes = {
  list: {
    method: 'get',
    path: '/groups/:groupId/users',
    operationId: 'listUsers',
    tag: 'users',
    summary: 'List members',
    params: groupPath,
    query: userListQuery,
    response: pageSchema(userSchema),
    permission: 'members.view',
  },
  get: {
    method: 'get',
    path: '/groups/:groupId/users/:userId',
    operationId: 'getUser',
    tag: 'users',
    summary: 'Get a member',
    params: groupUserPath,
    response: userSchema,
    permission: 'members.view',
    errors: { 404: 'The group, or the member in it, does not exist.' },
  },
  warnings: {
    method: 'get',
    path: '/groups/:groupId/users/:userId/warnings',
    operationId: 'getUserWarnings',
    tag: 'actions',
    summary: "A member's active warnings and the group's limit",
    params: groupUserPath,
    response: warningsSchema,
    permission: 'members.view',
  },
  update: {
    method: 'patch',
    path: '/groups/:groupId/users/:userId',
    operationId: 'updateUser',
    tag: 'users',
    summary: 'Change a member (role, activity)',
    params: groupUserPath,
    body: userPatch,
    response: userSchema,
    permission: 'roles.manage',
    errors: { 404: 'The group, or the member in it, does not exist.', 409: "role names no role of this group, or the member is the group's last owner." },
  },
} as const satisfies Record<string, AnyRouteSpec>;
