import { z } from 'zod';
import { groupId, userId, userIdParam } from '../common/ids.schema.js';
import { pageQuery } from '../common/pagination.js';
import { ruleName } from '../rules/rules.schema.js';

export const ACTION_TYPES = ['ban', 'unban', 'kick', 'mute', 'unmute', 'warn', 'unwarn', 'delete', 'pin', 'unpin', 'promote', 'demote'] as const;
export const actionType = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof actionType>;

export const ACTION_STATUSES = ['pending', 'applied', 'failed', 'revoked', 'expired'] as const;
export const actionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatus>;

export const actionSource = z.enum(['bot', 'web', 'api', 'auto']);

/**
 * Allowed status moves. pending -> applied|failed once Telegram answered; a failed action
 * may be retried; applied ends as revoked (by an admin) or expired (its time ran out);
 * revoked and expired are final so history is never rewritten.
 */
export const STATUS_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  pending: ['applied', 'failed'],
  failed: ['pending'],
  applied: ['revoked', 'expired'],
  revoked: [],
  expired: [],
};

export const actionSchema = z.object({
  id: z.string(),
  group_id: groupId,
  user_id: userId,
  admin_id: userId.nullable(),
  action_type: actionType,
  reason: z.string().nullable(),
  duration: z.number().int().nullable(),
  status: actionStatus,
  expires_at: z.date().nullable(),
  source: actionSource,
  rule_name: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type Action = z.infer<typeof actionSchema>;

export const actionCreate = z.strictObject({
  user_id: userId,
  admin_id: userId.nullable().default(null),
  action_type: actionType,
  reason: z.string().max(1000).nullable().default(null),
  /** Seconds; null for permanent actions. */
  duration: z
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 3600)
    .nullable()
    .default(null),
  status: actionStatus.default('applied'),
  source: actionSource.default('api'),
  rule_name: ruleName.nullable().default(null),
});
export type ActionCreateInput = z.input<typeof actionCreate>;

export const actionPatch = z.strictObject({
  status: actionStatus,
  reason: z.string().max(1000).nullable().optional(),
});
export type ActionPatchInput = z.input<typeof actionPatch>;

export const actionId = z.string().regex(/^[0-9a-f]{24}$/, 'not an action id');

export const actionListQuery = z.strictObject({
  ...pageQuery,
  user_id: z.union([userId, userIdParam]).optional(),
  action_type: actionType.optional(),
  status: actionStatus.optional(),
});
export type ActionListQuery = z.input<typeof actionListQuery>;

export const penaltySchema = z.object({ action_type: z.enum(['ban', 'kick', 'mute']), duration: z.number().int().nullable() });
export type Penalty = z.infer<typeof penaltySchema>;

export const warningsSchema = z.object({
  count: z.number().int(),
  limit: z.number().int(),
  items: z.array(actionSchema),
});
export type Warnings = z.infer<typeof warningsSchema>;

/** What creating an action answers: for an applied warn, the count and any penalty now due. */
export const actionCreatedSchema = z.object({
  action: actionSchema,
  /** Only for an applied warn: the member's active warns (this one included) and the group's warn_limit. */
  warnings: z.object({ count: z.number().int().min(0), limit: z.number().int().min(1) }).optional(),
  /** What warn_mode prescribes once count reaches limit; the caller carries it out. */
  penalty: penaltySchema.nullable(),
});
export type ActionCreated = z.infer<typeof actionCreatedSchema>;
