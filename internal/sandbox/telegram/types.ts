import type { ChatAdministratorRights, ChatPermissions, User } from 'telegraf/types';

export type { User };
export type ChatType = 'private' | 'group' | 'supergroup';
export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** Every admin right except `is_anonymous`, which is a display choice rather than a power. */
export const ADMIN_RIGHT_KEYS = [
  'can_manage_chat',
  'can_delete_messages',
  'can_manage_video_chats',
  'can_restrict_members',
  'can_promote_members',
  'can_change_info',
  'can_invite_users',
  'can_post_messages',
  'can_edit_messages',
  'can_pin_messages',
  'can_post_stories',
  'can_edit_stories',
  'can_delete_stories',
  'can_manage_topics',
] as const satisfies readonly (keyof ChatAdministratorRights)[];

export type AdminRightKey = (typeof ADMIN_RIGHT_KEYS)[number];
export type AdminRights = Record<AdminRightKey, boolean> & { is_anonymous: boolean };

/** Messages and media: what other messages and web page previews need (restrictChatMember, not independent). */
export const SEND_KEYS = [
  'can_send_messages',
  'can_send_audios',
  'can_send_documents',
  'can_send_photos',
  'can_send_videos',
  'can_send_video_notes',
  'can_send_voice_notes',
] as const satisfies readonly (keyof ChatPermissions)[];

export const PERMISSION_KEYS = [
  ...SEND_KEYS,
  'can_send_polls',
  'can_send_other_messages',
  'can_add_web_page_previews',
  'can_change_info',
  'can_invite_users',
  'can_pin_messages',
  'can_manage_topics',
] as const satisfies readonly (keyof ChatPermissions)[];

export type PermissionKey = (typeof PERMISSION_KEYS)[number];
export type Permissions = Record<PermissionKey, boolean>;

export interface FakeChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  description?: string;
  /** Default permissions of members (setChatPermissions). */
  permissions: Permissions;
  /** Set once a basic group was upgraded; every later call answers with migrate_to_chat_id. */
  migratedTo?: number;
}

export interface MemberRecord {
  userId: number;
  status: MemberStatus;
  /** For administrators. */
  rights?: AdminRights;
  /** True when the bot promoted this admin: Telegram only lets an admin edit admins it promoted. */
  canBeEdited?: boolean;
  customTitle?: string;
  /** For restricted members. */
  permissions?: Permissions;
  /** For restricted members: still in the chat, or restricted while absent. */
  isMember?: boolean;
  /** Unix seconds for restricted/kicked; 0 means forever. */
  untilDate?: number;
}

export interface StoredMessage {
  message_id: number;
  chatId: number;
  fromId?: number;
  /** Anonymous admins post as the group itself. */
  senderChatId?: number;
  date: number;
  text?: string;
  entities?: unknown[];
  parseMode?: string;
  replyToId?: number;
  replyMarkup?: Record<string, unknown>;
  editDate?: number;
  pinned: boolean;
  /** Orders pins so an unpin without message_id takes the latest. */
  pinnedSeq?: number;
  /** Service-message payload (new_chat_members, left_chat_member, migrate_to_chat_id, ...). */
  service?: Record<string, unknown>;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface WebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections: number;
  ipAddress?: string;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}
