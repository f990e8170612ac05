import type { Model } from 'mongoose';
import { LOG_SORT, type LogsRepository } from '../../domain/audit/audit.repository.js';
import { toPage } from '../../domain/common/pagination.js';
import { afterCursor, and, mongoSort } from './cursor.js';
import { withMongoErrors } from './errors.js';
import { toLog } from './mappers.js';
import type { LogDoc } from './models.js';

export function mongoLogs(model: Model<LogDoc>): LogsRepository {
  return {
    insert: (entry) =>
      withMongoErrors('log entry', async () => {
        const { id, ...rest } = entry;
        await model.create({ _id: id, ...rest });
      }),
    list: (groupId, filter, page) =>
      withMongoErrors('log entry', async () => {
        const f: Record<string, unknown> = { group_id: groupId };
        if (filter.event_type !== undefined) f.event_type = filter.event_type;
        if (filter.actor_id !== undefined) f.actor_id = filter.actor_id;
        if (filter.user_id !== undefined) f['data.user_id'] = filter.user_id;
        if (filter.since !== undefined || filter.until !== undefined) {
          f.timestamp = { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lt: filter.until } : {}) };
        }
        const rows = await model
          .find(and(f, afterCursor(LOG_SORT, page.cursor)))
          .sort(mongoSort(LOG_SORT))
          .limit(page.limit + 1)
          .lean<LogDoc[]>();
        return toPage(LOG_SORT, rows.map(toLog), page.limit);
      }),
    deleteOlderThan: (cutoff) => withMongoErrors('log entry', async () => (await model.deleteMany({ timestamp: { $lt: cutoff } })).deletedCount),
    moveGroup: (from, to) =>
      withMongoErrors('log entry', async () => void (from === to ? undefined : await model.updateMany({ group_id: from }, { $set: { group_id: to } }))),
  };
}
