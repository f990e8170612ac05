import type { Permission, TelegramRight } from './permissions.schema.js';

/**
 * Rose-style map (DESIGN.md section 3): the Telegram admin right that governs each
 * moderation permission. Permissions absent here (roles.manage and the *.view ones) are
 * bot-only: Telegram has no say in them, so stored roles decide.
 */
export const TELEGRAM_RIGHT_FOR: Readonly<Partial<Record<Permission, TelegramRight>>> = {
  ban: 'can_restrict_members',
  kick: 'can_restrict_members',
  mute: 'can_restrict_members',
  warn: 'can_restrict_members',
  delete: 'can_delete_messages',
  pin: 'can_pin_messages',
  'settings.edit': 'can_change_info',
  'rules.edit': 'can_change_info',
  promote: 'can_promote_members',
};

/** Bot-only permissions every Telegram administrator has: seeing what the group's bot does. */
export const ADMIN_VIEW_PERMISSIONS: ReadonlySet<Permission> = new Set(['members.view', 'logs.view', 'stats.view']);
