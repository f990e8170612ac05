import type { Page, PageRequest, SortSpec } from '../../domain/common/pagination.js';
import { AppError } from '../../shared/errors.js';
import { copy, GroupedTables, sync } from './ordered-table.js';
import { moveRows } from './users.memory.js';

/**
 * Rows named uniquely within their group (roles by name, rules by rule_name): the shared
 * body of those memory repositories. `what` names the entity in a duplicate's 409.
 */
export function namedPerGroup<T extends { group_id: number }>(sort: SortSpec<T>, nameOf: (row: T) => string, what: string) {
  const tables = new GroupedTables<T>(sort);
  const insert = (row: T): void => {
    const t = tables.ensure(row.group_id);
    if (t.has(nameOf(row))) throw AppError.conflict(`${what} ${nameOf(row)} already exists`);
    t.set(nameOf(row), copy(row));
  };
  return {
    insert: (row: T) => sync(() => insert(row)),
    insertMany: (rows: T[]) => sync(() => rows.forEach(insert)),
    get: (groupId: number, name: string) => sync(() => copy(tables.of(groupId)?.get(name) ?? null)),
    update: (groupId: number, name: string, set: Partial<T>) =>
      sync(() => {
        const t = tables.of(groupId);
        const r = t?.get(name);
        if (!t || !r) return null;
        const next = { ...r, ...copy(set) };
        t.set(name, next);
        return copy(next);
      }),
    delete: (groupId: number, name: string) => sync(() => tables.of(groupId)?.delete(name) ?? false),
    list: (groupId: number, page: PageRequest): Promise<Page<T>> => sync(() => tables.of(groupId)?.page(() => true, page) ?? tables.emptyPage(page)),
    deleteByGroup: (groupId: number) => sync(() => tables.drop(groupId)),
    moveGroup: (from: number, to: number) => sync(() => moveRows(tables, from, to, (r) => ({ ...r, group_id: to }))),
  };
}
