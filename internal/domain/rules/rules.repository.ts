import type { Page, PageRequest, SortSpec } from '../common/pagination.js';
import type { Rule } from './rules.schema.js';

/** Highest priority first (the bot evaluates in this order), then by name. */
export const RULE_SORT: SortSpec<Rule> = [
  { field: 'priority', dir: -1, type: 'number' },
  { field: 'rule_name', dir: 1, type: 'string' },
];

export interface RulesRepository {
  /** Throws CONFLICT when the rule_name exists in the group. */
  insert(rule: Rule): Promise<void>;
  get(groupId: number, ruleName: string): Promise<Rule | null>;
  update(groupId: number, ruleName: string, set: Partial<Omit<Rule, 'group_id' | 'rule_name' | 'created_at'>>): Promise<Rule | null>;
  delete(groupId: number, ruleName: string): Promise<boolean>;
  list(groupId: number, page: PageRequest): Promise<Page<Rule>>;
  deleteByGroup(groupId: number): Promise<void>;
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
