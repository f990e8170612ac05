import { z } from 'zod';
import { groupId, queryBoolean, SOME_FIELD } from '../common/ids.schema.js';
import { pageQuery } from '../common/pagination.js';

/** A group's member_count stays within 0..this however joins and leaves are reported (the schema's bound). */
export const MEMBER_COUNT_MAX = 1_000_000_000;

const fields = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(2000),
  member_count: z.number().int().min(0).max(MEMBER_COUNT_MAX),
  admin_count: z.number().int().min(0).max(1_000_000),
  is_active: z.boolean(),
  photo_url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
};

export const groupSchema = z.object({
  group_id: groupId,
  ...fields,
  created_at: z.date(),
  updated_at: z.date(),
});
export type Group = z.infer<typeof groupSchema>;

/** A group as the dashboard's group list shows it: with its activity, messages over the last 7 UTC days. */
export const groupCardSchema = groupSchema.extend({ messages_7d: z.number().int() });
export type GroupCard = z.infer<typeof groupCardSchema>;

export const groupCreate = z.strictObject({
  group_id: groupId,
  name: fields.name,
  description: fields.description.default(''),
  member_count: fields.member_count.default(0),
  admin_count: fields.admin_count.default(0),
  is_active: fields.is_active.default(true),
  photo_url: fields.photo_url.default(null),
});
export type GroupCreateInput = z.input<typeof groupCreate>;

export const groupPatch = z
  .strictObject({
    name: fields.name,
    description: fields.description,
    member_count: fields.member_count,
    admin_count: fields.admin_count,
    is_active: fields.is_active,
    photo_url: fields.photo_url,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .meta(SOME_FIELD);
export type GroupPatchInput = z.input<typeof groupPatch>;
export type GroupChanges = z.output<typeof groupPatch>;

export const groupListQuery = z.strictObject({
  ...pageQuery,
  active: queryBoolean.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type GroupListQuery = z.input<typeof groupListQuery>;

export const groupStatsQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).default(30),
});
export type GroupStatsQuery = z.input<typeof groupStatsQuery>;

/** Body of POST /groups/:groupId/migrate: Telegram's migrate_to_chat_id. */
export const groupMigrate = z.strictObject({ to_group_id: groupId });
export type GroupMigrateInput = z.input<typeof groupMigrate>;
