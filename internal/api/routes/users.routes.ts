import { z } from 'zod';
import { userBulk, userBulkResult, userListQuery, userPatch, userSchema, userStatsSchema, userUpsert, username, warningsSchema, groupIdParam, type Services } from '../../domain/index.js';
import type { RouteTable } from '../route-table.js';
import { ctxOf, groupPath, groupUserPath, page } from './common.js';

export function userRoutes(t: RouteTable, s: Services): void {
  t.add({ method: 'put', path: '/groups/:groupId/users/:userId', tag: 'users', summary: 'Create or update a member', params: groupUserPath, body: userUpsert, response: userSchema, servicesOnly: true },
    async ({ params, body, auth }) => ({ data: await s.users.upsert(params.groupId, params.userId, body, ctxOf(auth)) }));
  t.add({ method: 'get', path: '/groups/:groupId/users/:userId', tag: 'users', summary: 'Get a member', params: groupUserPath, response: userSchema, permission: 'members.view' },
    async ({ params }) => ({ data: await s.users.get(params.groupId, params.userId) }));
  t.add({ method: 'patch', path: '/groups/:groupId/users/:userId', tag: 'users', summary: 'Change a member (role, activity)', params: groupUserPath, body: userPatch, response: userSchema, permission: 'roles.manage' },
    async ({ params, body, auth }) => ({ data: await s.users.update(params.groupId, params.userId, body, ctxOf(auth)), message: 'member updated' }));
  t.add({ method: 'get', path: '/groups/:groupId/users', tag: 'users', summary: 'List members', params: groupPath, query: userListQuery, response: page(userSchema), permission: 'members.view' },
    async ({ params, query }) => ({ data: await s.users.list(params.groupId, query) }));
  t.add({ method: 'get', path: '/groups/:groupId/users/by-username/:username', tag: 'users', summary: 'Find a member by @username', params: z.strictObject({ groupId: groupIdParam, username }), response: userSchema, permission: 'members.view' },
    async ({ params }) => ({ data: await s.users.getByUsername(params.groupId, params.username) }));
  t.add({ method: 'post', path: '/groups/:groupId/users\\:bulk', tag: 'users', summary: 'Create or update up to 1000 members at once', params: groupPath, body: userBulk, response: userBulkResult, servicesOnly: true },
    async ({ params, body, auth }) => ({ data: await s.users.bulkUpsert(params.groupId, body, ctxOf(auth)) }));
  t.add({ method: 'get', path: '/groups/:groupId/users/:userId/stats', tag: 'stats', summary: "A member's statistics", params: groupUserPath, response: userStatsSchema, permission: 'stats.view' },
    async ({ params }) => ({ data: await s.stats.userStats(params.groupId, params.userId) }));
  t.add({ method: 'get', path: '/groups/:groupId/users/:userId/warnings', tag: 'actions', summary: "A member's active warnings and the group's limit", params: groupUserPath, response: warningsSchema, permission: 'members.view' },
    async ({ params }) => ({ data: await s.actions.warnings(params.groupId, params.userId) }));
}
