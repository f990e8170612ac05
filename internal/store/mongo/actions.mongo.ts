import type { Model } from 'mongoose';
import { ACTION_SORT, type ActionFilter, type ActionsRepository } from '../../domain/actions/actions.repository.js';
import type { ActionType } from '../../domain/actions/actions.schema.js';
import { toPage } from '../../domain/common/pagination.js';
import { KeyedSerialQueue } from '../../shared/keyed-serial-queue.js';
import { afterCursor, and, mongoSort } from './cursor.js';
import { withMongoErrors } from './errors.js';
import { toAction } from './mappers.js';
import type { ActionDoc } from './models.js';

const filterOf = (groupId: number, f: ActionFilter): Record<string, unknown> => ({
  group_id: groupId,
  ...(f.user_id === undefined ? {} : { user_id: f.user_id }),
  ...(f.action_type === undefined ? {} : { action_type: f.action_type }),
  ...(f.status === undefined ? {} : { status: f.status }),
  ...(f.since === undefined ? {} : { created_at: { $gte: f.since } }),
});

export function mongoActions(model: Model<ActionDoc>): ActionsRepository {
  // The status compare-and-set is only as atomic as the server's update; FerretDB's is not.
  const queue = new KeyedSerialQueue();
  return {
    insert: (action) =>
      withMongoErrors(`action ${action.id}`, async () => {
        const { id, ...rest } = action;
        await model.create({ _id: id, ...rest });
      }),
    get: (groupId, id) =>
      withMongoErrors('action', async () => {
        const doc = await model.findOne({ _id: id, group_id: groupId }).lean<ActionDoc>();
        return doc ? toAction(doc) : null;
      }),
    // No projection and no arrayFilters: FerretDB refuses findAndModify with either.
    transition: (groupId, id, fromStatus, set) =>
      withMongoErrors('action', () =>
        queue.run(id, async () => {
          const doc = await model.findOneAndUpdate({ _id: id, group_id: groupId, status: fromStatus }, { $set: set }, { new: true }).lean<ActionDoc>();
          return doc ? toAction(doc) : null;
        }),
      ),
    list: (groupId, filter, page) =>
      withMongoErrors('action', async () => {
        const rows = await model
          .find(and(filterOf(groupId, filter), afterCursor(ACTION_SORT, page.cursor)))
          .sort(mongoSort(ACTION_SORT))
          .limit(page.limit + 1)
          .lean<ActionDoc[]>();
        return toPage(ACTION_SORT, rows.map(toAction), page.limit);
      }),
    find: (groupId, filter, max) =>
      withMongoErrors('action', async () => {
        const rows = await model.find(filterOf(groupId, filter)).sort(mongoSort(ACTION_SORT)).limit(max).lean<ActionDoc[]>();
        return rows.map(toAction);
      }),
    // $group with $sum only: the one accumulator FerretDB has besides $count.
    countByType: (groupId, filter) =>
      withMongoErrors('action', async () => {
        const rows = await model.aggregate<{ _id: ActionType; n: number }>([
          { $match: filterOf(groupId, filter) },
          { $group: { _id: '$action_type', n: { $sum: 1 } } },
        ]);
        const out: Partial<Record<ActionType, number>> = {};
        for (const r of rows) out[r._id] = r.n;
        return out;
      }),
    deleteByGroup: (groupId) => withMongoErrors('action', async () => void (await model.deleteMany({ group_id: groupId }))),
    // Action ids are globally unique, so a plain re-key cannot collide.
    moveGroup: (from, to) =>
      withMongoErrors('action', async () => void (from === to ? undefined : await model.updateMany({ group_id: from }, { $set: { group_id: to } }))),
  };
}
