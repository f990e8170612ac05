import { z } from 'zod';
import { groupId, userId } from '../common/ids.schema.js';

export const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const dayStatsSchema = z.object({
  group_id: groupId,
  day: dayString,
  messages: z.number().int(),
  joins: z.number().int(),
  leaves: z.number().int(),
  actions_by_type: z.record(z.string(), z.number().int()),
  /** Messages by the UTC hour they were counted in ("0" to "23"; hours without any are left out). */
  messages_by_hour: z.record(z.string(), z.number().int()),
});
export type DayStats = z.infer<typeof dayStatsSchema>;

/** Increments for one group and day; all optional, applied with $inc semantics. */
export interface StatsIncrement {
  messages?: number;
  joins?: number;
  leaves?: number;
  actions_by_type?: Partial<Record<string, number>>;
  messages_by_hour?: Partial<Record<string, number>>;
}

export const statsEvent = z.strictObject({
  messages: z.number().int().min(0).max(1_000_000).optional(),
  joins: z.number().int().min(0).max(1_000_000).optional(),
  leaves: z.number().int().min(0).max(1_000_000).optional(),
});
export type StatsEventInput = z.input<typeof statsEvent>;

/**
 * What the bot reports as it sees a group: the day's counters, plus the member who sent
 * the messages (their message_count and last_seen_at move too). One call per batch keeps
 * the bot's hot path to one api round trip. budget: bot-throughput (docs/budgets.md)
 */
export const activityEvent = statsEvent
  .extend({ user_id: userId.optional() })
  .refine((e) => e.messages !== undefined || e.joins !== undefined || e.leaves !== undefined, 'nothing to record')
  .refine((e) => e.user_id === undefined || (e.messages ?? 0) > 0, { message: 'user_id needs messages > 0', path: ['user_id'] })
  // The two refinements as JSON Schema, for the document.
  .meta({
    anyOf: [{ required: ['messages'] }, { required: ['joins'] }, { required: ['leaves'] }],
    if: { required: ['user_id'] },
    then: { required: ['messages'], properties: { messages: { minimum: 1 } } },
  });
export type ActivityEventInput = z.input<typeof activityEvent>;

export const statsTotals = z.object({
  messages: z.number().int(),
  joins: z.number().int(),
  leaves: z.number().int(),
  actions_by_type: z.record(z.string(), z.number().int()),
  members: z.number().int(),
  active_members: z.number().int(),
});

/** A member among the group's most active: all-time message count, as the users store keeps it. */
export const topMemberSchema = z.object({
  user_id: userId,
  username: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  message_count: z.number().int(),
});

export const groupStatsSchema = z.object({
  group_id: groupId,
  totals: statsTotals,
  days: z.array(dayStatsSchema.omit({ group_id: true })),
  /** The ten members with the most messages (all time), most first. */
  top_members: z.array(topMemberSchema),
});
export type GroupStats = z.infer<typeof groupStatsSchema>;

export const userStatsSchema = z.object({
  group_id: groupId,
  user_id: userId,
  message_count: z.number().int(),
  joined_at: z.date().nullable(),
  last_seen_at: z.date().nullable(),
  active_warnings: z.number().int(),
  actions_by_type: z.record(z.string(), z.number().int()),
});
export type UserStats = z.infer<typeof userStatsSchema>;
