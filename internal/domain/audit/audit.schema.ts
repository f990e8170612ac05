import { z } from 'zod';
import { groupId, isoDate, telegramId, userId, userIdParam } from '../common/ids.schema.js';
import { pageQuery } from '../common/pagination.js';

export const severity = z.enum(['debug', 'info', 'warning', 'error']);

/** Who acted: a person, a platform service (and the Telegram user it acted for), or the system. */
export const actorSchema = z.object({
  type: z.enum(['person', 'service', 'system']),
  service: z.string().nullable(),
  user_id: telegramId.nullable(),
});

export const logSchema = z.object({
  id: z.string(),
  group_id: groupId,
  event_type: z.string(),
  severity,
  message: z.string(),
  /** The Telegram user who acted (same as actor.user_id), kept for filters and older readers. */
  actor_id: telegramId.nullable(),
  actor: actorSchema,
  data: z.record(z.string(), z.unknown()),
  timestamp: z.date(),
});
export type LogEntry = z.infer<typeof logSchema>;

/** Logs are kept 30 days on every backend (TTL index or sweeper). */
export const LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const eventType = z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'event types look like group.created');

export const logRecord = z.strictObject({
  group_id: groupId,
  event_type: eventType,
  severity: severity.default('info'),
  message: z.string().max(2000),
  actor_id: telegramId.nullable().default(null),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type LogRecordInput = z.input<typeof logRecord>;

export const logListQuery = z.strictObject({
  ...pageQuery,
  event_type: eventType.optional(),
  /** Who acted (a person, or the person a service acted for). */
  actor_id: z.union([userId, userIdParam]).optional(),
  /** The member the entry is about (its data.user_id: actions, member changes). */
  user_id: z.union([userId, userIdParam]).optional(),
  since: isoDate.optional(),
  /** Entries before this instant; with since, a date range. */
  until: isoDate.optional(),
});
export type LogListQuery = z.input<typeof logListQuery>;
