import type { DayStats, StatsIncrement } from './stats.schema.js';

export interface StatsRepository {
  /** Upserting $inc: concurrent increments from several replicas all count. */
  inc(groupId: number, day: string, by: StatsIncrement): Promise<void>;
  /** Days in ascending order, `from` and `to` inclusive when given. */
  list(groupId: number, range: { from?: string; to?: string }): Promise<DayStats[]>;
  deleteByGroup(groupId: number): Promise<void>;
  /** Moves days to `toGroup`, adding counters where that day already exists there. */
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
