import type { Model } from 'mongoose';
import { toPage } from '../../domain/common/pagination.js';
import { GROUP_SORT, type GroupsRepository } from '../../domain/groups/groups.repository.js';
import type { Group } from '../../domain/groups/groups.schema.js';
import { afterCursor, and, escapeRegex, mongoSort } from './cursor.js';
import { guarded } from './errors.js';
import { plain } from './mappers.js';

export function mongoGroups(model: Model<Group>): GroupsRepository {
  return {
    insert: (group) => guarded(`group ${group.group_id}`, async () => void (await model.create(group))),
    get: (id) => guarded('group', async () => {
      const doc = await model.findOne({ group_id: id }).lean<Group>();
      return doc ? plain(doc) : null;
    }),
    update: (id, set) => guarded('group', async () => {
      const doc = await model.findOneAndUpdate({ group_id: id }, { $set: set }, { new: true }).lean<Group>();
      return doc ? plain(doc) : null;
    }),
    delete: (id) => guarded('group', async () => (await model.deleteOne({ group_id: id })).deletedCount > 0),
    list: (filter, page) => guarded('group', async () => {
      const f: Record<string, unknown> = {};
      if (filter.active !== undefined) f.is_active = filter.active;
      if (filter.q !== undefined) f.name = { $regex: escapeRegex(filter.q), $options: 'i' };
      const rows = await model.find(and(f, afterCursor(GROUP_SORT, page.cursor))).sort(mongoSort(GROUP_SORT)).limit(page.limit + 1).lean<Group[]>();
      return toPage(GROUP_SORT, rows.map(plain), page.limit);
    }),
  };
}
