import { settingsEtag, type Settings } from '../domain/index.js';
import type { ApiClient } from './api-client.js';
import { reviveDates } from '../shared/json-dates.js';
import type { RestTransport } from './rest-transport.js';

type Query = Record<string, string | number | boolean | undefined>;
const q = (query: object | undefined): Query => (query ?? {}) as Query;
const g = (groupId: number) => `api/v2/groups/${groupId}`;

/** The api over HTTP: the same operations, answers and AppErrors as in-process. */
export function restApiClient(t: RestTransport): ApiClient {
  const get = async <T>(path: string, query?: object) => reviveDates(await t.call<T>('GET', path, { query: q(query) }));
  const send = async <T>(method: string, path: string, body: unknown, actorId?: number) => reviveDates(await t.call<T>(method, path, { body, actorId }));
  return {
    createGroup: (input, actor) => send('POST', 'api/v2/groups', input, actor?.actorId),
    getGroup: (groupId) => get(g(groupId)),
    listGroups: (query) => get('api/v2/groups', query),
    myGroups: () => get('api/v2/me/groups'),
    updateGroup: (groupId, patch, actor) => send('PATCH', g(groupId), patch, actor?.actorId),
    groupStats: (groupId, query) => get(`${g(groupId)}/stats`, query),
    migrateGroup: (groupId, toGroupId, actor) => send('POST', `${g(groupId)}/migrate`, { to_group_id: toGroupId }, actor?.actorId),
    recordActivity: async (groupId, input) => {
      await send('POST', `${g(groupId)}/activity`, input);
    },
    upsertUser: (groupId, userId, input, actor) => send('PUT', `${g(groupId)}/users/${userId}`, input, actor?.actorId),
    getUser: (groupId, userId) => get(`${g(groupId)}/users/${userId}`),
    getUserByUsername: (groupId, username) => get(`${g(groupId)}/users/by-username/${encodeURIComponent(username)}`),
    updateUser: (groupId, userId, patch, actor) => send('PATCH', `${g(groupId)}/users/${userId}`, patch, actor?.actorId),
    listUsers: (groupId, query) => get(`${g(groupId)}/users`, query),
    warnings: (groupId, userId) => get(`${g(groupId)}/users/${userId}/warnings`),
    listRoles: (groupId, query) => get(`${g(groupId)}/roles`, { limit: 100, ...query }),
    createRole: (groupId, input, actor) => send('POST', `${g(groupId)}/roles`, input, actor?.actorId),
    updateRole: (groupId, name, patch, actor) => send('PATCH', `${g(groupId)}/roles/${encodeURIComponent(name)}`, patch, actor?.actorId),
    deleteRole: async (groupId, name, actor) => {
      await send('DELETE', `${g(groupId)}/roles/${encodeURIComponent(name)}`, undefined, actor?.actorId);
    },
    recordLog: (groupId, input, actor) => send('POST', `${g(groupId)}/logs`, input, actor?.actorId),
    listRules: (groupId, query) => get(`${g(groupId)}/rules`, { limit: 100, ...query }),
    createRule: (groupId, input, actor) => send('POST', `${g(groupId)}/rules`, input, actor?.actorId),
    updateRule: (groupId, name, patch, actor) => send('PATCH', `${g(groupId)}/rules/${encodeURIComponent(name)}`, patch, actor?.actorId),
    deleteRule: async (groupId, name, actor) => {
      await send('DELETE', `${g(groupId)}/rules/${encodeURIComponent(name)}`, undefined, actor?.actorId);
    },
    getSettings: (groupId) => get(`${g(groupId)}/settings`),
    updateSettings: async (groupId, patch, actor, expected) =>
      reviveDates(
        await t.call<Settings>('PATCH', `${g(groupId)}/settings`, {
          body: patch,
          actorId: actor?.actorId,
          headers: expected ? { 'if-match': settingsEtag(expected) } : undefined,
        }),
      ),
    recordAction: (groupId, input, actor) => send('POST', `${g(groupId)}/actions`, input, actor?.actorId),
    updateAction: (groupId, id, patch, actor) => send('PATCH', `${g(groupId)}/actions/${encodeURIComponent(id)}`, patch, actor?.actorId),
    listActions: (groupId, query) => get(`${g(groupId)}/actions`, query),
    listLogs: (groupId, query) => get(`${g(groupId)}/logs`, query),
    checkPermission: ({ group_id, ...body }) => send('POST', `${g(group_id)}/permissions/check`, body),
  };
}
