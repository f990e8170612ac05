import { RULE_SORT, type RulesRepository } from '../../domain/rules/rules.repository.js';
import type { Rule } from '../../domain/rules/rules.schema.js';
import { namedPerGroup } from './named-per-group.js';

export function memoryRules(): RulesRepository {
  const { insert, get, update, delete: remove, list, deleteByGroup, moveGroup } = namedPerGroup<Rule>(RULE_SORT, (r) => r.rule_name, 'rule');
  return { insert, get, update, delete: remove, list, deleteByGroup, moveGroup };
}
