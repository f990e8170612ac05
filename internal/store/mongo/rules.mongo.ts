import type { Model } from 'mongoose';
import { toPage } from '../../domain/common/pagination.js';
import { RULE_SORT, type RulesRepository } from '../../domain/rules/rules.repository.js';
import type { Rule } from '../../domain/rules/rules.schema.js';
import { afterCursor, and, mongoSort } from './cursor.js';
import { withMongoErrors } from './errors.js';
import { plain } from './mappers.js';
import { moveKeyed } from './move.js';

export function mongoRules(model: Model<Rule>): RulesRepository {
  return {
    insert: (rule) => withMongoErrors(`rule ${rule.rule_name}`, async () => void (await model.create(rule))),
    get: (groupId, ruleName) =>
      withMongoErrors('rule', async () => {
        const doc = await model.findOne({ group_id: groupId, rule_name: ruleName }).lean<Rule>();
        return doc ? plain(doc) : null;
      }),
    update: (groupId, ruleName, set) =>
      withMongoErrors('rule', async () => {
        const doc = await model.findOneAndUpdate({ group_id: groupId, rule_name: ruleName }, { $set: set }, { new: true }).lean<Rule>();
        return doc ? plain(doc) : null;
      }),
    delete: (groupId, ruleName) => withMongoErrors('rule', async () => (await model.deleteOne({ group_id: groupId, rule_name: ruleName })).deletedCount > 0),
    list: (groupId, page) =>
      withMongoErrors('rule', async () => {
        const rows = await model
          .find(and({ group_id: groupId }, afterCursor(RULE_SORT, page.cursor)))
          .sort(mongoSort(RULE_SORT))
          .limit(page.limit + 1)
          .lean<Rule[]>();
        return toPage(RULE_SORT, rows.map(plain), page.limit);
      }),
    deleteByGroup: (groupId) => withMongoErrors('rule', async () => void (await model.deleteMany({ group_id: groupId }))),
    moveGroup: (from, to) => withMongoErrors('rule', () => moveKeyed(model, 'rule_name', from, to)),
  };
}
