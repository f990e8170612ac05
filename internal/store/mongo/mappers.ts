import type { Action } from '../../domain/actions/actions.schema.js';
import type { LogEntry } from '../../domain/audit/audit.schema.js';
import { actorOf } from '../../domain/common/context.js';
import type { DayStats } from '../../domain/stats/stats.schema.js';
import type { User } from '../../domain/users/users.schema.js';
import type { ActionDoc, LogDoc, UserDoc } from './models.js';

/** Drops the storage-only fields (_id, __v) from a lean document. */
export function plain<T>(doc: T & { _id?: unknown; __v?: unknown }): T {
  const { _id, __v, ...rest } = doc;
  return rest as T;
}

export function toUser(doc: UserDoc & { _id?: unknown }): User {
  const { _id, username_lc: _lc, ...rest } = doc as UserDoc & { _id?: unknown; __v?: unknown };
  return plain(rest);
}

export function toAction(doc: ActionDoc): Action {
  const { _id, ...rest } = doc;
  return { id: String(_id), ...rest };
}

export function toLog(doc: LogDoc): LogEntry {
  const { _id, ...rest } = doc;
  // Entries written before `actor` existed name only the Telegram user.
  const actor = rest.actor ?? actorOf({ actor_id: rest.actor_id ?? undefined });
  return { id: String(_id), ...rest, actor, data: rest.data ?? {} };
}

/** Counters created by $inc may lack fields never incremented. */
export function toDayStats(doc: Partial<DayStats> & Pick<DayStats, 'group_id' | 'day'>): DayStats {
  return {
    group_id: doc.group_id,
    day: doc.day,
    messages: doc.messages ?? 0,
    joins: doc.joins ?? 0,
    leaves: doc.leaves ?? 0,
    actions_by_type: doc.actions_by_type ?? {},
    messages_by_hour: doc.messages_by_hour ?? {},
  };
}
