import type { Model } from 'mongoose';
import { toPage } from '../../domain/common/pagination.js';
import { GROUP_SORT, type GroupsRepository } from '../../domain/groups/groups.repository.js';
import { MEMBER_COUNT_MAX, type Group } from '../../domain/groups/groups.schema.js';
import { KeyedSerialQueue } from '../../shared/keyed-serial-queue.js';
import { afterCursor, and, escapeRegex, mongoSort } from './cursor.js';
import { withMongoErrors } from './errors.js';
import { plain } from './mappers.js';

export function mongoGroups(model: Model<Group>): GroupsRepository {
  // Writes to one group run one at a time in this process, so joins and leaves from parallel
  // activity batches all count. FerretDB v1 (SQLite) applies `$inc` and conditional updates as
  // read-modify-write without isolation (measured: 20 parallel `$inc` -> 8); on MongoDB the
  // operations are atomic anyway and the queue only orders them. The other repositories
  // serialise per key for the same reason.
  const queue = new KeyedSerialQueue();
  return {
    insert: (group) => withMongoErrors(`group ${group.group_id}`, async () => void (await model.create(group))),
    get: (id) =>
      withMongoErrors('group', async () => {
        const doc = await model.findOne({ group_id: id }).lean<Group>();
        return doc ? plain(doc) : null;
      }),
    update: (id, set) =>
      withMongoErrors('group', () =>
        queue.run(String(id), async () => {
          const doc = await model.findOneAndUpdate({ group_id: id }, { $set: set }, { new: true }).lean<Group>();
          return doc ? plain(doc) : null;
        }),
      ),
    adjustMemberCount: (id, by, at) =>
      withMongoErrors('group', () =>
        queue.run(String(id), async () => {
          // No update pipelines on FerretDB, so no $min/$max in the update: a change applies only
          // where the count stays within 0..MEMBER_COUNT_MAX, else the count is set to the bound it
          // would cross. Each step is atomic on MongoDB; when neither matched, another replica
          // moved the count between.
          const fits = by < 0 ? { $gte: -by } : { $lte: MEMBER_COUNT_MAX - by };
          const crosses = by < 0 ? { $lt: -by } : { $gt: MEMBER_COUNT_MAX - by };
          const bound = by < 0 ? 0 : MEMBER_COUNT_MAX;
          for (let attempt = 0; attempt < 10; attempt += 1) {
            const applied = await model
              .findOneAndUpdate({ group_id: id, member_count: fits }, { $inc: { member_count: by }, $set: { updated_at: at } }, { new: true })
              .lean<Group>();
            if (applied) return plain(applied);
            const clamped = await model
              .findOneAndUpdate({ group_id: id, member_count: crosses }, { $set: { member_count: bound, updated_at: at } }, { new: true })
              .lean<Group>();
            if (clamped) return plain(clamped);
            if (!(await model.exists({ group_id: id }))) return null;
          }
          throw new Error(`member_count of group ${id} kept changing while being adjusted`);
        }),
      ),
    delete: (id) => withMongoErrors('group', async () => (await model.deleteOne({ group_id: id })).deletedCount > 0),
    list: (filter, page) =>
      withMongoErrors('group', async () => {
        const f: Record<string, unknown> = {};
        if (filter.active !== undefined) f.is_active = filter.active;
        if (filter.q !== undefined) f.name = { $regex: escapeRegex(filter.q), $options: 'i' };
        const rows = await model
          .find(and(f, afterCursor(GROUP_SORT, page.cursor)))
          .sort(mongoSort(GROUP_SORT))
          .limit(page.limit + 1)
          .lean<Group[]>();
        return toPage(GROUP_SORT, rows.map(plain), page.limit);
      }),
  };
}
