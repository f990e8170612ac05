import { ACTION_SORT, type ActionFilter, type ActionsRepository } from '../../domain/actions/actions.repository.js';
import type { Action, ActionType } from '../../domain/actions/actions.schema.js';
import { AppError } from '../../shared/errors.js';
import { copy, GroupedTables, sync } from './ordered-table.js';
import { moveRows } from './users.memory.js';

const matches = (f: ActionFilter) => (a: Action) =>
  (f.user_id === undefined || a.user_id === f.user_id) &&
  (f.action_type === undefined || a.action_type === f.action_type) &&
  (f.status === undefined || a.status === f.status) &&
  (f.since === undefined || a.created_at.getTime() >= f.since.getTime());

export function memoryActions(): ActionsRepository {
  const tables = new GroupedTables<Action>(ACTION_SORT);
  return {
    insert: (action) =>
      sync(() => {
        const t = tables.ensure(action.group_id);
        if (t.has(action.id)) throw AppError.conflict(`action ${action.id} already exists`);
        t.set(action.id, copy(action));
      }),
    get: (groupId, id) => sync(() => copy(tables.of(groupId)?.get(id) ?? null)),
    transition: (groupId, id, fromStatus, set) =>
      sync(() => {
        const t = tables.of(groupId);
        const a = t?.get(id);
        if (!t || !a || a.status !== fromStatus) return null;
        const next = { ...a, ...copy(set) };
        t.set(id, next);
        return copy(next);
      }),
    list: (groupId, filter, page) => sync(() => tables.of(groupId)?.page(matches(filter), page) ?? tables.emptyPage(page)),
    find: (groupId, filter, max) => sync(() => (tables.of(groupId)?.scan(matches(filter), max) ?? []).map(copy)),
    countByType: (groupId, filter) =>
      sync(() => {
        const out: Partial<Record<ActionType, number>> = {};
        const t = tables.of(groupId);
        if (!t) return out;
        const keep = matches(filter);
        for (const a of t.values()) if (keep(a)) out[a.action_type] = (out[a.action_type] ?? 0) + 1;
        return out;
      }),
    deleteByGroup: (groupId) => sync(() => tables.drop(groupId)),
    moveGroup: (from, to) => sync(() => moveRows(tables, from, to, (a) => ({ ...a, group_id: to }))),
  };
}
