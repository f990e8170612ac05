import { z } from 'zod';
import { groupId, userId } from '../common/ids.schema.js';

/** The permission vocabulary of DESIGN.md section 3. */
export const PERMISSIONS = [
  'ban',
  'kick',
  'mute',
  'warn',
  'delete',
  'pin',
  'promote',
  'settings.edit',
  'rules.edit',
  'roles.manage',
  'members.view',
  'logs.view',
  'stats.view',
] as const;
export const permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permission>;

/** Telegram admin rights (getChatMember) that the Rose-style map reads. */
export const TELEGRAM_RIGHTS = ['can_restrict_members', 'can_delete_messages', 'can_pin_messages', 'can_change_info', 'can_promote_members'] as const;
export type TelegramRight = (typeof TELEGRAM_RIGHTS)[number];

export const telegramStatus = z.enum(['creator', 'administrator', 'member', 'restricted', 'left', 'kicked']);

export const telegramMember = z.strictObject({
  status: telegramStatus,
  rights: z
    .strictObject({
      can_restrict_members: z.boolean().optional(),
      can_delete_messages: z.boolean().optional(),
      can_pin_messages: z.boolean().optional(),
      can_change_info: z.boolean().optional(),
      can_promote_members: z.boolean().optional(),
    })
    .default({}),
});
export type TelegramMember = z.input<typeof telegramMember>;

/** Body of POST /groups/:groupId/permissions/check (group_id comes from the path). */
export const permissionCheckBody = z.strictObject({
  user_id: userId,
  permission,
  telegram: telegramMember.optional(),
});

export const permissionCheckInput = permissionCheckBody.extend({ group_id: groupId });
export type PermissionCheckInput = z.input<typeof permissionCheckInput>;

export const permissionCheckResult = z.object({ allowed: z.boolean(), via: z.string() });
export type PermissionCheckResult = z.infer<typeof permissionCheckResult>;
