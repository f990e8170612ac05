import type { Context } from 'telegraf';
import type { Message } from 'telegraf/types';
import type { Permission } from '../../domain/index.js';
import type { AdminEntry, AdminRight } from '../permissions/admin-cache.js';
import type { BotDeps } from '../bot-deps.js';
import type { Person } from '../messages/html.js';

/** Who sent a command: a member, or an anonymous admin posting as the group. */
export interface Caller {
  /** The user id, or the group's id for an anonymous admin (the api accepts negative senders). */
  id: number;
  person: Person;
  anonymous: boolean;
  /** Their Telegram admin entry; undefined for ordinary members. */
  admin: AdminEntry | undefined;
}

export interface CommandCall {
  ctx: Context;
  deps: BotDeps;
  chatId: number;
  chatTitle: string;
  message: Message.TextMessage;
  args: string;
  argv: string[];
  caller: Caller;
  /** Replies to the command message, HTML; queued, not awaited (see Notifier). */
  reply(html: string, extra?: Record<string, unknown>): Promise<void>;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  usage: string;
  /** One line for setMyCommands. */
  description: string;
  /** What /help <command> shows, after the usage line. */
  help: string;
  /** Checked through the api before the handler runs. */
  permission?: Permission;
  /** The Telegram admin right the bot itself needs to carry it out. */
  botRight?: AdminRight;
  /** Also answered in private chats (help, start). */
  private?: boolean;
  run(call: CommandCall): Promise<void>;
}

export const RIGHT_NAMES: Record<AdminRight, string> = {
  can_manage_chat: 'Manage chat',
  can_delete_messages: 'Delete messages',
  can_restrict_members: 'Ban users',
  can_promote_members: 'Add new admins',
  can_change_info: 'Change group info',
  can_invite_users: 'Invite users',
  can_pin_messages: 'Pin messages',
  can_manage_video_chats: 'Manage video chats',
  can_manage_topics: 'Manage topics',
};
