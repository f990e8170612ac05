import type { UserFromGetMe } from 'telegraf/types';
import { BotApiError, Reasons } from './errors.js';
import {
  ADMIN_RIGHT_KEYS,
  PERMISSION_KEYS,
  type AdminRights,
  type BotCommand,
  type CallbackAnswer,
  type ChatType,
  type FakeChat,
  type MemberRecord,
  type MemberStatus,
  type Permissions,
  type StoredMessage,
  type User,
  type WebhookState,
} from './types.js';

export function allRights(value = true): AdminRights {
  const rights = { is_anonymous: false } as AdminRights;
  for (const key of ADMIN_RIGHT_KEYS) rights[key] = value;
  // Channel-only rights stay off in groups, as Telegram reports them.
  rights.can_post_messages = false;
  rights.can_edit_messages = false;
  return rights;
}

export function allPermissions(value = true): Permissions {
  const perms = {} as Permissions;
  for (const key of PERMISSION_KEYS) perms[key] = value;
  return perms;
}

export interface AddChatOptions {
  id: number;
  type?: ChatType;
  title?: string;
  username?: string;
  /** The owner, recorded as `creator`. */
  creator?: User;
  /** The bot's own membership; an administrator with every group right unless told otherwise. */
  bot?: { status?: MemberStatus; rights?: Partial<AdminRights> };
}

export interface SetMemberOptions {
  status?: MemberStatus;
  rights?: Partial<AdminRights>;
  permissions?: Partial<Permissions>;
  untilDate?: number;
  isMember?: boolean;
  canBeEdited?: boolean;
  customTitle?: string;
}

export interface FakeTelegramStateOptions {
  bot?: Partial<User> & { id?: number; username?: string };
}

/** Telegram treats restrictions shorter than 30 s or longer than 366 days as forever. */
const FOREVER_BELOW_S = 30;
const FOREVER_ABOVE_S = 366 * 24 * 3600;

/**
 * Everything the fake Bot API knows, independent of HTTP so it can be seeded and inspected
 * directly in tests. Time is a real clock plus an offset (`advanceClock`) so 48 h and
 * until_date rules can be tested without waiting.
 */
export class FakeTelegramState {
  readonly botUser: UserFromGetMe;
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, FakeChat>();
  /** chat id -> user id -> membership. */
  readonly members = new Map<number, Map<number, MemberRecord>>();
  /** chat id -> message id -> message; ids are per chat, as in supergroups. */
  readonly messages = new Map<number, Map<number, StoredMessage>>();
  /** chat id -> message id -> message, for messages deleted since: the playground shows them struck out. */
  readonly deleted = new Map<number, Map<number, StoredMessage>>();
  /** JSON of {scope, language_code} -> commands. */
  readonly commands = new Map<string, BotCommand[]>();
  readonly callbackQueries = new Map<string, { answered?: CallbackAnswer }>();
  webhook: WebhookState | undefined;
  private clockOffsetS = 0;
  private readonly nextMessageId = new Map<number, number>();
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private nextPinSeq = 1;

  constructor(opts: FakeTelegramStateOptions = {}) {
    this.botUser = {
      id: opts.bot?.id ?? 7_000_000_001,
      is_bot: true,
      first_name: opts.bot?.first_name ?? 'Fake Bot',
      username: opts.bot?.username ?? 'fake_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
    this.users.set(this.botUser.id, this.botUser);
  }

  /** Unix seconds, shifted by `advanceClock`. */
  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffsetS;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetS += seconds;
  }

  takeUpdateId(): number {
    return this.nextUpdateId++;
  }

  takeMessageId(chatId: number): number {
    const id = this.nextMessageId.get(chatId) ?? 1;
    this.nextMessageId.set(chatId, id + 1);
    return id;
  }

  takePinSeq(): number {
    return this.nextPinSeq++;
  }

  takeCallbackId(): string {
    const id = `cbq-${this.nextCallbackId++}`;
    this.callbackQueries.set(id, {});
    return id;
  }

  addUser(user: Partial<User> & { id: number }): User {
    const known = this.users.get(user.id);
    const merged: User = { ...known, is_bot: false, first_name: `User ${user.id}`, ...user };
    this.users.set(user.id, merged);
    return merged;
  }

  user(userId: number): User {
    const user = this.users.get(userId);
    if (!user) throw BotApiError.badRequest(Reasons.userNotFound);
    return user;
  }

  addChat(opts: AddChatOptions): FakeChat {
    // Positive ids are users' private chats; groups and supergroups are negative.
    const type = opts.type ?? (opts.id > 0 ? 'private' : 'supergroup');
    const chat: FakeChat = { id: opts.id, type, permissions: allPermissions(true) };
    const owner = type === 'private' ? this.users.get(opts.id) : undefined;
    if (type === 'private') chat.first_name = owner?.first_name ?? opts.title ?? `User ${opts.id}`;
    else chat.title = opts.title ?? `Group ${opts.id}`;
    const username = opts.username ?? owner?.username;
    if (username !== undefined) chat.username = username;
    this.chats.set(chat.id, chat);
    if (!this.members.has(chat.id)) this.members.set(chat.id, new Map());
    if (!this.messages.has(chat.id)) this.messages.set(chat.id, new Map());
    if (type === 'private') return chat;
    if (opts.creator) this.setMember(chat.id, opts.creator, { status: 'creator' });
    const botStatus = opts.bot?.status ?? 'administrator';
    this.setMember(chat.id, this.botUser, { status: botStatus, rights: opts.bot?.rights ?? {} });
    return chat;
  }

  /** Creates or replaces a membership; unspecified rights and permissions default sensibly. */
  setMember(chatId: number, user: (Partial<User> & { id: number }) | number, opts: SetMemberOptions = {}): MemberRecord {
    const known = typeof user === 'number' ? (this.users.get(user) ?? this.addUser({ id: user })) : this.addUser(user);
    const status = opts.status ?? 'member';
    const record: MemberRecord = { userId: known.id, status };
    if (status === 'creator') record.rights = allRights(true);
    if (status === 'administrator') {
      record.rights = { ...allRights(true), ...opts.rights };
      record.canBeEdited = opts.canBeEdited ?? false;
    }
    if (status === 'restricted') {
      record.permissions = { ...allPermissions(false), ...opts.permissions };
      record.isMember = opts.isMember ?? true;
      record.untilDate = opts.untilDate ?? 0;
    }
    if (status === 'kicked') record.untilDate = opts.untilDate ?? 0;
    if (opts.customTitle !== undefined) record.customTitle = opts.customTitle;
    this.membersOf(chatId).set(known.id, record);
    return record;
  }

  membersOf(chatId: number): Map<number, MemberRecord> {
    let map = this.members.get(chatId);
    if (!map) {
      map = new Map();
      this.members.set(chatId, map);
    }
    return map;
  }

  /**
   * A user's membership, `left` when never seen in the chat. Expired restrictions and bans are
   * lifted lazily on read, the way Telegram reports them once until_date has passed.
   */
  member(chatId: number, userId: number): MemberRecord {
    const record = this.membersOf(chatId).get(userId);
    if (!record) return { userId, status: 'left' };
    const until = record.untilDate ?? 0;
    if (until !== 0 && until <= this.now()) {
      if (record.status === 'kicked') return this.replaceMember(chatId, { userId, status: 'left' });
      if (record.status === 'restricted') {
        return this.replaceMember(chatId, { userId, status: record.isMember === false ? 'left' : 'member' });
      }
    }
    return record;
  }

  replaceMember(chatId: number, record: MemberRecord): MemberRecord {
    this.membersOf(chatId).set(record.userId, record);
    return record;
  }

  /** Until dates outside Telegram's 30 s .. 366 d window mean "forever" (0). */
  normaliseUntil(untilDate: number | undefined): number {
    if (untilDate === undefined || untilDate === 0) return 0;
    const delta = untilDate - this.now();
    return delta < FOREVER_BELOW_S || delta > FOREVER_ABOVE_S ? 0 : untilDate;
  }

  /** The chat a call addresses, by id or @username; answers the way Telegram does otherwise. */
  chat(ref: number | string): FakeChat {
    let chat: FakeChat | undefined;
    if (typeof ref === 'number') chat = this.chats.get(ref);
    else {
      const name = ref.replace(/^@/, '').toLowerCase();
      chat = [...this.chats.values()].find((c) => c.username?.toLowerCase() === name);
    }
    // A bot may only message users who started it first.
    if (!chat && typeof ref === 'number' && this.users.has(ref)) throw BotApiError.forbidden("bot can't initiate conversation with a user");
    if (!chat) throw BotApiError.badRequest(Reasons.chatNotFound);
    if (chat.migratedTo !== undefined) {
      throw BotApiError.badRequest('group chat was upgraded to a supergroup chat', { migrate_to_chat_id: chat.migratedTo });
    }
    return chat;
  }

  /** The chat, when the bot is still in it; a removed bot gets Telegram's 403s. */
  chatWithBot(ref: number | string): FakeChat {
    const chat = this.chat(ref);
    if (chat.type === 'private') return chat;
    const kind = chat.type === 'supergroup' ? 'supergroup' : 'group';
    const status = this.member(chat.id, this.botUser.id).status;
    if (status === 'kicked') throw BotApiError.forbidden(`bot was kicked from the ${kind} chat`);
    if (status === 'left') throw BotApiError.forbidden(`bot is not a member of the ${kind} chat`);
    return chat;
  }

  /** Whether the bot holds an admin right in the chat (the creator holds them all). */
  botHas(chatId: number, right: keyof AdminRights): boolean {
    const me = this.member(chatId, this.botUser.id);
    if (me.status === 'creator') return true;
    return me.status === 'administrator' && me.rights?.[right] === true;
  }

  isBotAdmin(chatId: number): boolean {
    const status = this.member(chatId, this.botUser.id).status;
    return status === 'creator' || status === 'administrator';
  }

  messagesIn(chatId: number): Map<number, StoredMessage> {
    let map = this.messages.get(chatId);
    if (!map) {
      map = new Map();
      this.messages.set(chatId, map);
    }
    return map;
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messagesIn(chatId).get(messageId);
  }

  /** Removes a message, keeping it among the chat's deleted ones. */
  deleteMessage(chatId: number, messageId: number): void {
    const msg = this.message(chatId, messageId);
    if (!msg) return;
    this.messagesIn(chatId).delete(messageId);
    let gone = this.deleted.get(chatId);
    if (!gone) {
      gone = new Map();
      this.deleted.set(chatId, gone);
    }
    gone.set(messageId, msg);
  }

  /** Stores a message and assigns its id unless the caller fixed one. */
  storeMessage(msg: Omit<StoredMessage, 'message_id' | 'pinned'> & { message_id?: number; pinned?: boolean }): StoredMessage {
    const stored: StoredMessage = { ...msg, message_id: msg.message_id ?? this.takeMessageId(msg.chatId), pinned: msg.pinned ?? false };
    const next = this.nextMessageId.get(msg.chatId) ?? 1;
    if (stored.message_id >= next) this.nextMessageId.set(msg.chatId, stored.message_id + 1);
    this.messagesIn(msg.chatId).set(stored.message_id, stored);
    return stored;
  }

  /**
   * Upgrades a basic group: Telegram moves members and admins to a new supergroup id and the old
   * id answers every later call with `migrate_to_chat_id`.
   */
  migrateChat(oldId: number, newId: number): FakeChat {
    const old = this.chat(oldId);
    const next = this.addChat({ id: newId, type: 'supergroup', ...(old.title !== undefined ? { title: old.title } : {}) });
    for (const [userId, record] of this.membersOf(oldId)) this.membersOf(newId).set(userId, { ...record });
    next.permissions = { ...old.permissions };
    old.migratedTo = newId;
    return next;
  }
}
