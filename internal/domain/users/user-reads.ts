import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupPath, pageSchema } from '../common/index.js';
import { userListQuery, userSchema } from './users.schema.js';

/** Reading a group's members, declared once: the api serves it, web forwards it (see group-reads). */
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
} as const satisfies Record<string, AnyRouteSpec>;
