import type { Store } from '../domain/index.js';
import type { Cache } from './cache.js';
import { CACHE_TTL_SECONDS, cacheKeys } from './cache-keys.js';
import { cachedEntity } from './cached-entity.js';

/** `base` with some operations replaced; works for class instances as well as object literals. */
function extend<T extends object>(base: T, overrides: Partial<T>): T {
  return Object.assign(Object.create(base) as T, overrides);
}

async function read<T>(cache: Cache, key: string, ttl: number, load: () => Promise<T | null>): Promise<T | null> {
  const cached = await cache.get<T>(key);
  if (cached !== undefined) return cachedEntity(cached);
  const fresh = await load();
  // Misses are not cached: a group created a moment later must be found at once.
  if (fresh !== null) await cache.set(key, fresh, ttl);
  return fresh;
}

/**
 * The store behind the cache of DESIGN.md section 4: reads of groups, members, settings
 * and roles go through the cache; every write through this store invalidates the keys
 * it touches, here and (by pub/sub) on every replica. Actions, logs and stats are never
 * cached. Writes that touch a whole group (delete, migrate) enumerate its keys first.
 */
export function cachedStore(store: Store, cache: Cache): Store {
  const { groups, users, settings, roles } = store;
  /** Every cache key of one group's rows, page by page: whole-group writes touch them all. */
  const keysOf = async <T>(
    list: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>,
    key: (row: T) => string,
  ): Promise<string[]> => {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(cursor);
      keys.push(...page.items.map(key));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return keys;
  };
  const groupUserKeys = (groupId: number) =>
    keysOf(
      (cursor) => users.list(groupId, {}, { limit: 100, cursor }),
      (u) => cacheKeys.user(groupId, u.user_id),
    );
  const groupRoleKeys = (groupId: number) =>
    keysOf(
      (cursor) => roles.list(groupId, { limit: 100, cursor }),
      (r) => cacheKeys.role(groupId, r.name),
    );
  const afterWrite = async <T>(keys: string[], write: Promise<T>): Promise<T> => {
    try {
      return await write;
    } finally {
      await cache.invalidate(...keys);
    }
  };

  return extend(store, {
    groups: extend(groups, {
      get: (id) => read(cache, cacheKeys.group(id), CACHE_TTL_SECONDS.group, () => groups.get(id)),
      insert: (g) => afterWrite([cacheKeys.group(g.group_id)], groups.insert(g)),
      update: (id, set) => afterWrite([cacheKeys.group(id)], groups.update(id, set)),
      adjustMemberCount: (id, by, at) => afterWrite([cacheKeys.group(id)], groups.adjustMemberCount(id, by, at)),
      delete: (id) => afterWrite([cacheKeys.group(id)], groups.delete(id)),
    }),
    users: extend(users, {
      get: (g, u) => read(cache, cacheKeys.user(g, u), CACHE_TTL_SECONDS.user, () => users.get(g, u)),
      upsert: (g, u, set, defaults, now) => afterWrite([cacheKeys.user(g, u)], users.upsert(g, u, set, defaults, now)),
      upsertMany: (g, rows, defaults, now) =>
        afterWrite(
          rows.map((r) => cacheKeys.user(g, r.user_id)),
          users.upsertMany(g, rows, defaults, now),
        ),
      update: (g, u, set, now) => afterWrite([cacheKeys.user(g, u)], users.update(g, u, set, now)),
      incMessages: (g, u, by, now) => afterWrite([cacheKeys.user(g, u)], users.incMessages(g, u, by, now)),
      deleteByGroup: async (g) => afterWrite(await groupUserKeys(g), users.deleteByGroup(g)),
      moveGroup: async (from, to) => afterWrite(await groupUserKeys(from), users.moveGroup(from, to)),
    }),
    settings: extend(settings, {
      get: (g) => read(cache, cacheKeys.settings(g), CACHE_TTL_SECONDS.settings, () => settings.get(g)),
      put: (s) => afterWrite([cacheKeys.settings(s.group_id)], settings.put(s)),
      replaceIf: (s, expected) => afterWrite([cacheKeys.settings(s.group_id)], settings.replaceIf(s, expected)),
      deleteByGroup: (g) => afterWrite([cacheKeys.settings(g)], settings.deleteByGroup(g)),
      moveGroup: (from, to) => afterWrite([cacheKeys.settings(from), cacheKeys.settings(to)], settings.moveGroup(from, to)),
    }),
    roles: extend(roles, {
      get: (g, name) => read(cache, cacheKeys.role(g, name), CACHE_TTL_SECONDS.role, () => roles.get(g, name)),
      insertMany: (rs) =>
        afterWrite(
          rs.map((r) => cacheKeys.role(r.group_id, r.name)),
          roles.insertMany(rs),
        ),
      update: (g, name, set) => afterWrite([cacheKeys.role(g, name)], roles.update(g, name, set)),
      delete: (g, name) => afterWrite([cacheKeys.role(g, name)], roles.delete(g, name)),
      deleteByGroup: async (g) => afterWrite(await groupRoleKeys(g), roles.deleteByGroup(g)),
      moveGroup: async (from, to) => afterWrite(await groupRoleKeys(from), roles.moveGroup(from, to)),
    }),
  });
}
