import { AppError } from '../../shared/errors.js';
import { activityEvent, groupCreate, groupMigrate, groupPatch, groupPath, groupReadRoutes, groupSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function groupRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'post',
      path: '/groups',
      operationId: 'createGroup',
      tag: 'groups',
      summary: 'Create a group with its default roles and settings',
      body: groupCreate,
      response: groupSchema,
      status: 201,
      servicesOnly: true,
      description: 'The group starts with the default roles (owner, admin, moderator, member) and default settings.',
      errors: { 409: 'A group with this group_id exists.' },
    },
    async ({ body, auth }) => ({ data: await s.groups.create(body, ctxOf(auth)), message: 'group created' }),
  );
  t.add(groupReadRoutes.list, async ({ query }) => ({ data: await s.groups.list(query) }));
  t.add(groupReadRoutes.mine, async ({ auth }) => {
    if (auth.principal.kind !== 'person') throw new AppError('FORBIDDEN', "this call lists a person's groups: call it with their access token");
    return { data: await s.groups.forPerson(auth.principal.userId) };
  });
  t.add(groupReadRoutes.get, async ({ params }) => ({ data: await s.groups.get(params.groupId) }));
  t.add(
    {
      method: 'patch',
      path: '/groups/:groupId',
      operationId: 'updateGroup',
      tag: 'groups',
      summary: 'Change a group',
      params: groupPath,
      body: groupPatch,
      response: groupSchema,
      permission: 'settings.edit',
    },
    async ({ params, body, auth }) => ({ data: await s.groups.update(params.groupId, body, ctxOf(auth)), message: 'group updated' }),
  );
  t.add(
    {
      method: 'delete',
      path: '/groups/:groupId',
      operationId: 'deleteGroup',
      tag: 'groups',
      summary: 'Delete a group and its data (the audit log stays until retention)',
      params: groupPath,
      permission: 'roles.manage',
    },
    async ({ params, auth }) => {
      await s.groups.delete(params.groupId, ctxOf(auth));
      return { data: null, message: 'group deleted' };
    },
  );
  t.add(groupReadRoutes.stats, async ({ params, query }) => ({ data: await s.stats.groupStats(params.groupId, query) }));
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/migrate',
      operationId: 'migrateGroup',
      tag: 'groups',
      summary: 'Move a group and all its data to its new supergroup id',
      params: groupPath,
      body: groupMigrate,
      response: groupSchema,
      servicesOnly: true,
      description:
        'Telegram gives a group a new id when it becomes a supergroup (migrate_to_chat_id). A migration that stopped half way is resumed by repeating it.',
      errors: { 409: "Another group already has to_group_id, or it is the group's own id." },
    },
    async ({ params, body, auth }) => ({ data: await s.groups.migrateGroup(params.groupId, body.to_group_id, ctxOf(auth)), message: 'group migrated' }),
  );
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/activity',
      operationId: 'recordActivity',
      tag: 'stats',
      summary: 'Count messages, joins and leaves (the bot reports what it sees)',
      params: groupPath,
      body: activityEvent,
      servicesOnly: true,
      description: 'At least one of messages, joins and leaves; user_id (the member who sent the messages) only with messages above 0.',
    },
    async ({ params, body }) => {
      await s.stats.recordActivity(params.groupId, body);
      return { data: null, message: 'recorded' };
    },
  );
}
