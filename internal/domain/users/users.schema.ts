import { z } from 'zod';
import { groupId, isoDate, queryBoolean, SOME_FIELD, userId } from '../common/ids.schema.js';
import { pageQuery } from '../common/pagination.js';
import { roleName } from '../roles/roles.schema.js';

/** Telegram usernames: 4-32 of [A-Za-z0-9_], stored without the leading @. */
export const username = z
  .string()
  .regex(/^@?[A-Za-z0-9_]{4,32}$/, 'not a Telegram username')
  .transform((s) => s.replace(/^@/, ''));

export const userSchema = z.object({
  group_id: groupId,
  user_id: userId,
  username: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  role: z.string(),
  is_active: z.boolean(),
  message_count: z.number().int(),
  joined_at: z.date().nullable(),
  last_seen_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type User = z.infer<typeof userSchema>;

const mutable = {
  username: username.nullable(),
  first_name: z.string().max(256).nullable(),
  last_name: z.string().max(256).nullable(),
  role: roleName,
  is_active: z.boolean(),
  joined_at: isoDate.nullable(),
  last_seen_at: isoDate.nullable(),
};

/** PUT body: creates or updates; omitted fields keep their value (or default on create). */
export const userUpsert = z.strictObject(mutable).partial();
export type UserUpsertInput = z.input<typeof userUpsert>;
export type UserFields = z.output<typeof userUpsert>;

export const userPatch = userUpsert.refine((p) => Object.keys(p).length > 0, 'nothing to change').meta(SOME_FIELD);
export type UserPatchInput = z.input<typeof userPatch>;

export const BULK_MAX = 1000;
export const userBulk = z.strictObject({
  users: z
    .array(
      z
        .strictObject({ user_id: userId, ...mutable })
        .partial()
        .required({ user_id: true }),
    )
    .min(1)
    .max(BULK_MAX)
    .refine((us) => new Set(us.map((u) => u.user_id)).size === us.length, 'user_id repeated in one bulk'),
});
export type UserBulkInput = z.input<typeof userBulk>;

export const userListQuery = z.strictObject({
  ...pageQuery,
  role: roleName.optional(),
  active: queryBoolean.optional(),
  /** Part of a username (with or without @), first or last name. */
  q: z.string().trim().min(1).max(64).optional(),
});
export type UserListQuery = z.input<typeof userListQuery>;

export const userBulkResult = z.object({ inserted: z.number().int(), updated: z.number().int() });
export type UserBulkResult = z.infer<typeof userBulkResult>;
