import type { Telegram } from 'telegraf';
import type { ChatMember } from 'telegraf/types';
import type { TelegramMember } from '../../domain/index.js';
import type { BotKv } from '../state/kv.js';

/** The Telegram admin rights the bot reads, for permissions and for /promote. */
export const ADMIN_RIGHTS = [
  'can_manage_chat',
  'can_delete_messages',
  'can_restrict_members',
  'can_promote_members',
  'can_change_info',
  'can_invite_users',
  'can_pin_messages',
  'can_manage_video_chats',
  'can_manage_topics',
] as const;
export type AdminRight = (typeof ADMIN_RIGHTS)[number];
export type Rights = Partial<Record<AdminRight, boolean>>;

export interface AdminEntry {
  id: number;
  status: 'creator' | 'administrator';
  isAnonymous: boolean;
  isBot: boolean;
  rights: Rights;
}

/** Admin lists change rarely and Telegram rate-limits getChatAdministrators: ten minutes. */
const TTL_S = 600;

export function toAdminEntry(m: ChatMember): AdminEntry | undefined {
  if (m.status !== 'creator' && m.status !== 'administrator') return undefined;
  const rights: Rights = {};
  if (m.status === 'administrator') for (const r of ADMIN_RIGHTS) if (m[r] === true) rights[r] = true;
  return { id: m.user.id, status: m.status, isAnonymous: m.is_anonymous === true, isBot: m.user.is_bot, rights };
}

/** An AdminEntry as the api's permission check wants it. */
export function telegramMemberOf(entry: AdminEntry | undefined): TelegramMember {
  if (!entry) return { status: 'member', rights: {} };
  const r = entry.rights;
  return {
    status: entry.status,
    rights: {
      can_restrict_members: r.can_restrict_members === true,
      can_delete_messages: r.can_delete_messages === true,
      can_pin_messages: r.can_pin_messages === true,
      can_change_info: r.can_change_info === true,
      can_promote_members: r.can_promote_members === true,
    },
  };
}

/**
 * Who administers each chat, from getChatAdministrators, cached in the shared KV.
 * Refreshed when a chat_member update shows an admin change and by /admincache.
 * `onLoad` hears every list fetched from Telegram (the group's admin_count follows it).
 */
export class AdminCache {
  constructor(
    private readonly telegram: Telegram,
    private readonly kv: BotKv,
    private readonly onLoad: (chatId: number, admins: readonly AdminEntry[]) => void = () => undefined,
  ) {}

  async admins(chatId: number): Promise<AdminEntry[]> {
    const cached = await this.kv.get(this.key(chatId));
    if (cached) return JSON.parse(cached) as AdminEntry[];
    return this.refresh(chatId);
  }

  async refresh(chatId: number): Promise<AdminEntry[]> {
    const list = (await this.telegram.getChatAdministrators(chatId)).flatMap((m) => toAdminEntry(m) ?? []);
    await this.kv.set(this.key(chatId), JSON.stringify(list), TTL_S);
    this.onLoad(chatId, list);
    return list;
  }

  async invalidate(chatId: number): Promise<void> {
    await this.kv.del(this.key(chatId));
  }

  async find(chatId: number, userId: number): Promise<AdminEntry | undefined> {
    return (await this.admins(chatId)).find((a) => a.id === userId);
  }

  /**
   * An anonymous admin posts as the group, so Telegram hides which admin it was. We grant
   * only the rights every anonymous admin of the chat holds: whoever it was, they have at
   * least those, so nobody gains a power Telegram withholds from them.
   */
  async anonymous(chatId: number): Promise<AdminEntry | undefined> {
    const anon = (await this.admins(chatId)).filter((a) => a.isAnonymous && !a.isBot);
    const first = anon[0];
    if (!first) return undefined;
    if (anon.some((a) => a.status === 'creator') && anon.length === 1) return first;
    const rights: Rights = {};
    for (const r of ADMIN_RIGHTS) if (anon.every((a) => a.status === 'creator' || a.rights[r] === true)) rights[r] = true;
    return { id: 0, status: 'administrator', isAnonymous: true, isBot: false, rights };
  }

  private key(chatId: number): string {
    return `admins:${chatId}`;
  }
}
