import { AppError } from '../../shared/errors.js';
import { GROUP_SORT, type GroupFilter, type GroupsRepository } from '../../domain/groups/groups.repository.js';
import { MEMBER_COUNT_MAX, type Group } from '../../domain/groups/groups.schema.js';
import { copy, OrderedTable, sync } from './ordered-table.js';

export function memoryGroups(): GroupsRepository {
  const table = new OrderedTable<Group>(GROUP_SORT);
  const key = (id: number) => String(id);
  return {
    insert: (group) =>
      sync(() => {
        if (table.has(key(group.group_id))) throw AppError.conflict(`group ${group.group_id} already exists`);
        table.set(key(group.group_id), copy(group));
      }),
    get: (id) => sync(() => copy(table.get(key(id)) ?? null)),
    update: (id, set) =>
      sync(() => {
        const g = table.get(key(id));
        if (!g) return null;
        const next = { ...g, ...copy(set) };
        table.set(key(id), next);
        return copy(next);
      }),
    adjustMemberCount: (id, by, at) =>
      sync(() => {
        const g = table.get(key(id));
        if (!g) return null;
        const next = { ...g, member_count: Math.min(MEMBER_COUNT_MAX, Math.max(0, g.member_count + by)), updated_at: new Date(at) };
        table.set(key(id), next);
        return copy(next);
      }),
    delete: (id) => sync(() => table.delete(key(id))),
    list: (filter: GroupFilter, page) =>
      sync(() => {
        const q = filter.q?.toLowerCase();
        return table.page((g) => (filter.active === undefined || g.is_active === filter.active) && (q === undefined || g.name.toLowerCase().includes(q)), page);
      }),
  };
}
