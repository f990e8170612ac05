import { z } from 'zod';
import { groupId, SOME_FIELD } from '../common/ids.schema.js';
import { pageQuery } from '../common/pagination.js';
import { permission, PERMISSIONS, type Permission } from '../permissions/permissions.schema.js';

export const roleName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,31}$/, 'role names are 1-32 of a-z 0-9 _ . -');

const permissions = z
  .array(permission)
  .max(PERMISSIONS.length)
  .transform((ps) => [...new Set(ps)]);

export const roleSchema = z.object({
  group_id: groupId,
  name: z.string(),
  permissions: z.array(permission),
  priority: z.number().int(),
  color: z.string().nullable(),
  description: z.string(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type Role = z.infer<typeof roleSchema>;

const fields = {
  permissions,
  priority: z.number().int().min(0).max(1000),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour')
    .nullable(),
  description: z.string().max(500),
};

export const roleCreate = z.strictObject({
  name: roleName,
  permissions: fields.permissions.default([]),
  priority: fields.priority.default(10),
  color: fields.color.default(null),
  description: fields.description.default(''),
});
export type RoleCreateInput = z.input<typeof roleCreate>;

export const rolePatch = z
  .strictObject(fields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .meta(SOME_FIELD);
export type RolePatchInput = z.input<typeof rolePatch>;

export const roleListQuery = z.strictObject({ ...pageQuery });
export type RoleListQuery = z.input<typeof roleListQuery>;

/** Roles every group starts with (DESIGN.md section 3). */
export const DEFAULT_ROLES: readonly { name: string; permissions: Permission[]; priority: number; description: string }[] = [
  { name: 'owner', permissions: [...PERMISSIONS], priority: 100, description: 'Group owner: every permission' },
  { name: 'admin', permissions: PERMISSIONS.filter((p) => p !== 'roles.manage'), priority: 80, description: 'Administrator: all but managing roles' },
  { name: 'moderator', permissions: ['warn', 'mute', 'kick', 'delete', 'members.view', 'logs.view'], priority: 50, description: 'Moderator' },
  { name: 'member', permissions: [], priority: 0, description: 'Regular member' },
];

/** Roles that must always exist: `member` is every user's fallback, `owner` the creator's. */
export const PROTECTED_ROLES = new Set(['owner', 'member']);
export const DEFAULT_ROLE = 'member';
