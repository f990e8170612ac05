import { AppError } from '../shared/errors.js';
import type { ActorContext, Services } from '../domain/index.js';
import type { Actor, ApiClient } from './api-client.js';

/**
 * The api's service layer called directly: no HTTP, no JSON round trip. `as` is the caller:
 * a service (bot, web), named in the audit log as its key would be over REST and acting for
 * the actor it names, or a person, who acts only as themself.
 */
export function inProcessApiClient(s: Services, as: string | { userId: number }): ApiClient {
  const ctx = (actor?: Actor): ActorContext => (typeof as === 'string' ? { actor_id: actor?.actorId, service: as } : { actor_id: as.userId });
  return {
    createGroup: (input, actor) => s.groups.create(input, ctx(actor)),
    getGroup: (groupId) => s.groups.get(groupId),
    listGroups: (query) => s.groups.list(query),
    myGroups: () =>
      typeof as === 'string'
        ? Promise.reject(new AppError('FORBIDDEN', "this call lists a person's groups: call it with their access token"))
        : s.groups.forPerson(as.userId),
    updateGroup: (groupId, patch, actor) => s.groups.update(groupId, patch, ctx(actor)),
    groupStats: (groupId, query) => s.stats.groupStats(groupId, query),
    migrateGroup: (groupId, toGroupId, actor) => s.groups.migrateGroup(groupId, toGroupId, ctx(actor)),
    recordActivity: (groupId, input) => s.stats.recordActivity(groupId, input),
    upsertUser: (groupId, userId, input, actor) => s.users.upsert(groupId, userId, input, ctx(actor)),
    getUser: (groupId, userId) => s.users.get(groupId, userId),
    getUserByUsername: (groupId, username) => s.users.getByUsername(groupId, username),
    updateUser: (groupId, userId, patch, actor) => s.users.update(groupId, userId, patch, ctx(actor)),
    listUsers: (groupId, query) => s.users.list(groupId, query),
    warnings: (groupId, userId) => s.actions.warnings(groupId, userId),
    listRoles: (groupId, query) => s.roles.list(groupId, { limit: 100, ...query }),
    createRole: (groupId, input, actor) => s.roles.create(groupId, input, ctx(actor)),
    updateRole: (groupId, name, patch, actor) => s.roles.update(groupId, name, patch, ctx(actor)),
    deleteRole: (groupId, name, actor) => s.roles.delete(groupId, name, ctx(actor)),
    recordLog: (groupId, input, actor) => s.audit.record({ ...input, group_id: groupId }, ctx(actor)),
    listRules: (groupId, query) => s.rules.list(groupId, { limit: 100, ...query }),
    createRule: (groupId, input, actor) => s.rules.create(groupId, input, ctx(actor)),
    updateRule: (groupId, name, patch, actor) => s.rules.update(groupId, name, patch, ctx(actor)),
    deleteRule: (groupId, name, actor) => s.rules.delete(groupId, name, ctx(actor)),
    getSettings: (groupId) => s.settings.get(groupId),
    updateSettings: (groupId, patch, actor, expected) => s.settings.update(groupId, patch, ctx(actor), expected),
    recordAction: (groupId, input, actor) => s.actions.create(groupId, input, ctx(actor)),
    updateAction: (groupId, id, patch, actor) => s.actions.update(groupId, id, patch, ctx(actor)),
    listActions: (groupId, query) => s.actions.list(groupId, query),
    listLogs: (groupId, query) => s.audit.list(groupId, query),
    checkPermission: (input) => s.permissions.check(input),
  };
}
