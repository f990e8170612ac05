import { AppError } from '../../shared/errors.js';
import { ROLE_SORT, type RolesRepository } from '../../domain/roles/roles.repository.js';
import type { Role } from '../../domain/roles/roles.schema.js';
import { copy, GroupedTables, sync } from './ordered-table.js';
import { moveRows } from './users.memory.js';

export function memoryRoles(): RolesRepository {
  const tables = new GroupedTables<Role>(ROLE_SORT);
  return {
    insertMany: (roles) =>
      sync(() => {
        for (const r of roles) {
          const t = tables.ensure(r.group_id);
          if (t.has(r.name)) throw AppError.conflict(`role ${r.name} already exists`);
          t.set(r.name, copy(r));
        }
      }),
    get: (groupId, name) => sync(() => copy(tables.of(groupId)?.get(name) ?? null)),
    update: (groupId, name, set) =>
      sync(() => {
        const t = tables.of(groupId);
        const r = t?.get(name);
        if (!t || !r) return null;
        const next = { ...r, ...copy(set) };
        t.set(name, next);
        return copy(next);
      }),
    delete: (groupId, name) => sync(() => tables.of(groupId)?.delete(name) ?? false),
    list: (groupId, page) => sync(() => tables.of(groupId)?.page(() => true, page) ?? tables.emptyPage(page)),
    deleteByGroup: (groupId) => sync(() => tables.drop(groupId)),
    moveGroup: (from, to) => sync(() => moveRows(tables, from, to, (r) => ({ ...r, group_id: to }))),
  };
}
