import type { Model } from 'mongoose';
import type { StatsRepository } from '../../domain/stats/stats.repository.js';
import type { DayStats, StatsIncrement } from '../../domain/stats/stats.schema.js';
import { KeyedSerialQueue } from '../../shared/keyed-serial-queue.js';
import { withMongoErrors, retryOnDuplicate } from './errors.js';
import { toDayStats } from './mappers.js';

function incOf(by: StatsIncrement): Record<string, number> {
  const $inc: Record<string, number> = { messages: by.messages ?? 0, joins: by.joins ?? 0, leaves: by.leaves ?? 0 };
  // Keys are action types from the domain's enum, never user text, so no `$` or `.` can sneak in.
  for (const [k, v] of Object.entries(by.actions_by_type ?? {})) if (v) $inc[`actions_by_type.${k}`] = v;
  // Hours are 0-23 from the service's clock, never user text.
  for (const [h, v] of Object.entries(by.messages_by_hour ?? {})) if (v && /^\d{1,2}$/.test(h)) $inc[`messages_by_hour.${h}`] = v;
  return $inc;
}

export function mongoStats(model: Model<DayStats>): StatsRepository {
  const queue = new KeyedSerialQueue();
  const inc = (groupId: number, day: string, by: StatsIncrement) =>
    queue.run(`${groupId}:${day}`, () =>
      retryOnDuplicate(async () => void (await model.updateOne({ group_id: groupId, day }, { $inc: incOf(by) }, { upsert: true }))),
    );
  return {
    inc: (groupId, day, by) => withMongoErrors('stats', () => inc(groupId, day, by)),
    list: (groupId, range) =>
      withMongoErrors('stats', async () => {
        const day: Record<string, string> = {};
        if (range.from !== undefined) day.$gte = range.from;
        if (range.to !== undefined) day.$lte = range.to;
        const rows = await model
          .find({ group_id: groupId, ...(Object.keys(day).length ? { day } : {}) })
          .sort({ day: 1 })
          .lean<DayStats[]>();
        return rows.map(toDayStats);
      }),
    deleteByGroup: (groupId) => withMongoErrors('stats', async () => void (await model.deleteMany({ group_id: groupId }))),
    /** Adds each old day into the new group's day, then drops it: a repeat after a crash only re-adds what was not yet dropped. */
    moveGroup: (from, to) =>
      withMongoErrors('stats', async () => {
        if (from === to) return;
        const rows = await model.find({ group_id: from }).lean<DayStats[]>();
        for (const d of rows.map(toDayStats)) {
          await inc(to, d.day, d);
          await model.deleteOne({ group_id: from, day: d.day });
        }
      }),
  };
}
