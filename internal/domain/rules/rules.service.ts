import { AppError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ActorContext, Clock } from '../common/context.js';
import type { Page } from '../common/pagination.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import type { RulesRepository } from './rules.repository.js';
import { ruleCreate, ruleListQuery, ruleName, rulePatch, type Rule, type RuleCreateInput, type RuleListQuery, type RulePatchInput } from './rules.schema.js';

export class RulesService {
  constructor(
    private readonly rules: RulesRepository,
    private readonly audit: AuditService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
  ) {}

  async create(groupId: number, input: RuleCreateInput, ctx: ActorContext = {}): Promise<Rule> {
    const data = parseInput(ruleCreate, input, 'rule');
    const group = await this.guard(groupId);
    const now = this.clock();
    const rule: Rule = { group_id: group.group_id, ...data, created_at: now, updated_at: now };
    await this.rules.insert(rule);
    await this.audit.write(
      {
        group_id: group.group_id,
        event_type: 'rule.created',
        message: `rule ${rule.rule_name} created`,
        data: { rule_name: rule.rule_name, penalty: rule.penalty },
      },
      ctx,
    );
    return rule;
  }

  async get(groupId: number, name: string): Promise<Rule> {
    const n = parseInput(ruleName, name, 'rule name');
    const group = await this.guard(groupId);
    const rule = await this.rules.get(group.group_id, n);
    if (!rule) throw AppError.notFound(`rule ${n}`);
    return rule;
  }

  async list(groupId: number, query: RuleListQuery = {}): Promise<Page<Rule>> {
    const q = parseInput(ruleListQuery, query, 'query');
    const group = await this.guard(groupId);
    return this.rules.list(group.group_id, { limit: q.limit, cursor: q.cursor });
  }

  async update(groupId: number, name: string, patch: RulePatchInput, ctx: ActorContext = {}): Promise<Rule> {
    const n = parseInput(ruleName, name, 'rule name');
    const changes = parseInput(rulePatch, patch, 'rule');
    const group = await this.guard(groupId);
    const rule = await this.rules.update(group.group_id, n, { ...changes, updated_at: this.clock() });
    if (!rule) throw AppError.notFound(`rule ${n}`);
    await this.audit.write(
      { group_id: group.group_id, event_type: 'rule.updated', message: `rule ${n} updated`, data: { rule_name: n, fields: Object.keys(changes) } },
      ctx,
    );
    return rule;
  }

  async delete(groupId: number, name: string, ctx: ActorContext = {}): Promise<void> {
    const n = parseInput(ruleName, name, 'rule name');
    const group = await this.guard(groupId);
    if (!(await this.rules.delete(group.group_id, n))) throw AppError.notFound(`rule ${n}`);
    await this.audit.write({ group_id: group.group_id, event_type: 'rule.deleted', message: `rule ${n} deleted`, data: { rule_name: n } }, ctx);
  }
}
