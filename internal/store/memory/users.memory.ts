import { USER_SORT, type UserFilter, type UserInsertDefaults, type UserMutable, type UsersRepository } from '../../domain/users/users.repository.js';
import type { User } from '../../domain/users/users.schema.js';
import { copy, GroupedTables, sync, type OrderedTable } from './ordered-table.js';

const named = (u: User, q: string) => [u.username, u.first_name, u.last_name].some((v) => v?.toLowerCase().includes(q));
const matches = (f: UserFilter) => {
  const q = f.q?.toLowerCase();
  return (u: User) => (f.role === undefined || u.role === f.role) && (f.active === undefined || u.is_active === f.active) && (q === undefined || named(u, q));
};

export function memoryUsers(): UsersRepository {
  const tables = new GroupedTables<User>(USER_SORT);
  const key = (id: number) => String(id);

  const upsertOne = (t: OrderedTable<User>, groupId: number, userId: number, set: UserMutable, defaults: UserInsertDefaults, now: Date) => {
    const existing = t.get(key(userId));
    const next: User = existing
      ? { ...existing, ...copy(set), updated_at: now }
      : { ...copy(defaults), ...copy(set), group_id: groupId, user_id: userId, created_at: now, updated_at: now };
    t.set(key(userId), next);
    return { user: next, inserted: !existing };
  };

  return {
    upsert: (groupId, userId, set, defaults, now) => sync(() => copy(upsertOne(tables.ensure(groupId), groupId, userId, set, defaults, now).user)),
    upsertMany: (groupId, rows, defaults, now) =>
      sync(() => {
        const t = tables.ensure(groupId);
        let inserted = 0;
        for (const r of rows) if (upsertOne(t, groupId, r.user_id, r.set, defaults, now).inserted) inserted += 1;
        return { inserted, updated: rows.length - inserted };
      }),
    get: (groupId, userId) => sync(() => copy(tables.of(groupId)?.get(key(userId)) ?? null)),
    getByUsername: (groupId, username) =>
      sync(() => {
        const name = username.toLowerCase();
        const t = tables.of(groupId);
        if (!t) return null;
        for (const u of t.values()) if (u.username?.toLowerCase() === name) return copy(u);
        return null;
      }),
    update: (groupId, userId, set, now) =>
      sync(() => {
        const t = tables.of(groupId);
        const u = t?.get(key(userId));
        if (!t || !u) return null;
        const next = { ...u, ...copy(set), updated_at: now };
        t.set(key(userId), next);
        return copy(next);
      }),
    incMessages: (groupId, userId, by, now) =>
      sync(() => {
        const t = tables.of(groupId);
        const u = t?.get(key(userId));
        if (t && u) t.set(key(userId), { ...u, message_count: u.message_count + by, last_seen_at: now });
      }),
    list: (groupId, filter, page) => sync(() => tables.of(groupId)?.page(matches(filter), page) ?? tables.emptyPage(page)),
    count: (groupId, filter) =>
      sync(() => {
        const t = tables.of(groupId);
        if (!t) return 0;
        if (filter.role === undefined && filter.active === undefined) return t.size;
        const keep = matches(filter);
        let n = 0;
        for (const u of t.values()) if (keep(u)) n += 1;
        return n;
      }),
    top: (groupId, limit) =>
      sync(() =>
        [...(tables.of(groupId)?.values() ?? [])]
          .filter((u) => u.message_count > 0)
          .sort((a, b) => b.message_count - a.message_count || a.user_id - b.user_id)
          .slice(0, limit)
          .map(copy),
      ),
    deleteByGroup: (groupId) => sync(() => tables.drop(groupId)),
    memberships: (userId, limit) =>
      sync(() => {
        const found: { group_id: number; role: string }[] = [];
        for (const [groupId, t] of tables.all()) {
          const u = t.get(key(userId));
          if (u) found.push({ group_id: groupId, role: u.role });
        }
        return found.sort((a, b) => a.group_id - b.group_id).slice(0, limit);
      }),
    moveGroup: (from, to) => sync(() => moveRows(tables, from, to, (u) => ({ ...u, group_id: to }))),
  };
}

/** Moves a group's rows; rows already under `to` win, as in the mongo store. */
export function moveRows<T>(tables: GroupedTables<T>, from: number, to: number, rekey: (row: T) => T): void {
  const src = tables.of(from);
  if (!src || from === to) return;
  const dst = tables.ensure(to);
  for (const [k, row] of src.entries()) if (!dst.has(k)) dst.set(k, rekey(row));
  tables.drop(from);
}
