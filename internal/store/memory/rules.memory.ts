import { AppError } from '../../shared/errors.js';
import { RULE_SORT, type RulesRepository } from '../../domain/rules/rules.repository.js';
import type { Rule } from '../../domain/rules/rules.schema.js';
import { copy, GroupedTables, sync } from './ordered-table.js';
import { moveRows } from './users.memory.js';

export function memoryRules(): RulesRepository {
  const tables = new GroupedTables<Rule>(RULE_SORT);
  return {
    insert: (rule) =>
      sync(() => {
        const t = tables.ensure(rule.group_id);
        if (t.has(rule.rule_name)) throw AppError.conflict(`rule ${rule.rule_name} already exists`);
        t.set(rule.rule_name, copy(rule));
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
