import { z } from 'zod';
import {
  groupIdParam,
  groupPath,
  groupUserPath,
  type Services,
  userBulk,
  userBulkResult,
  username,
  userSchema,
  userStatsSchema,
  userReadRoutes,
  userUpsert,
} from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function userRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'put',
      path: '/groups/:groupId/users/:userId',
      operationId: 'upsertUser',
      tag: 'users',
      summary: 'Create or update a member',
      params: groupUserPath,
      body: userUpsert,
      response: userSchema,
      servicesOnly: true,
      description: 'Fields left out keep their value, or their default for a new member.',
      errors: { 409: 'role names no role of this group.' },
    },
    async ({ params, body, auth }) => ({ data: await s.users.upsert(params.groupId, params.userId, body, ctxOf(auth)) }),
  );
  t.add(userReadRoutes.get, async ({ params }) => ({ data: await s.users.get(params.groupId, params.userId) }));
  t.add(userReadRoutes.update, async ({ params, body, auth }) => ({
    data: await s.users.update(params.groupId, params.userId, body, ctxOf(auth)),
    message: 'member updated',
  }));
  t.add(userReadRoutes.list, async ({ params, query }) => ({ data: await s.users.list(params.groupId, query) }));
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/users/by-username/:username',
      operationId: 'getUserByUsername',
      tag: 'users',
      summary: 'Find a member by @username',
      params: z.strictObject({ groupId: groupIdParam, username }),
      response: userSchema,
      permission: 'members.view',
      errors: { 404: 'The group, or a member with that username in it, does not exist.' },
    },
    async ({ params }) => ({ data: await s.users.getByUsername(params.groupId, params.username) }),
  );
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/users::bulk',
      operationId: 'bulkUpsertUsers',
      tag: 'users',
      summary: 'Create or update up to 1000 members at once',
      params: groupPath,
      body: userBulk,
      response: userBulkResult,
      servicesOnly: true,
      description:
        'Each user_id at most once per call (400). Answers how many members were created and how many updated; nothing is written when any entry is refused.',
      errors: { 409: 'A role named names no role of this group.' },
    },
    async ({ params, body, auth }) => ({ data: await s.users.bulkUpsert(params.groupId, body, ctxOf(auth)) }),
  );
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/users/:userId/stats',
      operationId: 'getUserStats',
      tag: 'stats',
      summary: "A member's statistics",
      params: groupUserPath,
      response: userStatsSchema,
      permission: 'stats.view',
      errors: { 404: 'The group, or the member in it, does not exist.' },
    },
    async ({ params }) => ({ data: await s.stats.userStats(params.groupId, params.userId) }),
  );
  t.add(userReadRoutes.warnings, async ({ params }) => ({ data: await s.actions.warnings(params.groupId, params.userId) }));
}
