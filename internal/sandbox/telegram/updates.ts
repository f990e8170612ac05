import type { CallbackQuery, ChatMember, Message, Update, User } from 'telegraf/types';
import { computeEntities } from './entities.js';
import { toApiChat, toApiMember, type GroupOrPrivateChat } from './render.js';
import type { AddChatOptions, FakeTelegramState, SetMemberOptions } from './state.js';
import type { FakeChat, StoredMessage } from './types.js';

export type UserRef = Partial<User> & { id: number };
/** A chat id, or the options to create it when the fake does not know it yet. */
export type ChatRef = number | AddChatOptions;

/** The user Telegram shows as the sender when an anonymous admin posts as the group. */
export const GROUP_ANONYMOUS_BOT: User = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };

export interface TextMessageInput {
  chat: ChatRef;
  from: UserRef;
  text: string;
  /** The message replied to, by id; it must exist in the fake (inbound or sent by the bot). */
  reply_to_message?: number | { message_id: number };
  /** Unix seconds; defaults to the fake's clock. Use an old date to test the 48 h rule. */
  date?: number;
  /** Post as an anonymous admin: from = GroupAnonymousBot, sender_chat = the group. */
  anonymous?: boolean;
}

type TextMessageUpdate = Update.MessageUpdate<Message.TextMessage>;

/**
 * Builds inbound updates the way Telegram would deliver them, keeping the fake consistent:
 * update_ids increase, messages get the chat's next message_id and are stored (so the bot can
 * delete, pin or purge them), unknown chats and users are created, and membership changes are
 * applied to the state before the update is returned.
 */
export class UpdateFactory {
  constructor(private readonly state: FakeTelegramState) {}

  private chat(ref: ChatRef): FakeChat {
    const id = typeof ref === 'number' ? ref : ref.id;
    return this.state.chats.get(id) ?? this.state.addChat(typeof ref === 'number' ? { id } : ref);
  }

  private apiChat(chat: FakeChat): GroupOrPrivateChat {
    return toApiChat(chat);
  }

  /** A sender who is not in the chat yet becomes a member, as anyone who can post is. */
  private sender(chat: FakeChat, ref: UserRef): User {
    const user = this.state.addUser(ref);
    const status = this.state.member(chat.id, user.id).status;
    if (chat.type !== 'private' && (status === 'left' || status === 'kicked')) this.state.setMember(chat.id, user.id, { status: 'member' });
    return user;
  }

  private store(chat: FakeChat, fromId: number, extra: Partial<StoredMessage>): StoredMessage {
    return this.state.storeMessage({ chatId: chat.id, fromId, date: extra.date ?? this.state.now(), ...extra });
  }

  private replyOf(chat: FakeChat, messageId: number): Message.TextMessage & { reply_to_message: undefined } {
    const replied = this.state.message(chat.id, messageId);
    if (!replied) throw new Error(`fake telegram: message ${messageId} does not exist in chat ${chat.id}`);
    const from = replied.fromId !== undefined ? this.state.users.get(replied.fromId) : undefined;
    return {
      message_id: replied.message_id,
      date: replied.date,
      chat: this.apiChat(chat),
      text: replied.text ?? '',
      ...(from ? { from } : {}),
      reply_to_message: undefined,
    };
  }

  textMessage(input: TextMessageInput): TextMessageUpdate {
    const chat = this.chat(input.chat);
    // An anonymous admin's real account is hidden from bots, so it is not registered.
    const from = input.anonymous ? this.state.addUser(GROUP_ANONYMOUS_BOT) : this.sender(chat, input.from);
    const replyId = typeof input.reply_to_message === 'number' ? input.reply_to_message : input.reply_to_message?.message_id;
    const entities = computeEntities(input.text);
    const stored = this.store(chat, from.id, {
      text: input.text,
      entities,
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(replyId !== undefined ? { replyToId: replyId } : {}),
      ...(input.anonymous ? { senderChatId: chat.id } : {}),
    });
    const message: TextMessageUpdate['message'] = {
      message_id: stored.message_id,
      date: stored.date,
      chat: this.apiChat(chat),
      from,
      text: input.text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(input.anonymous ? { sender_chat: this.apiChat(chat) } : {}),
      ...(replyId !== undefined ? { reply_to_message: this.replyOf(chat, replyId) } : {}),
    };
    return { update_id: this.state.takeUpdateId(), message };
  }

  /** Users joining (or added by `from`); they become members. */
  newChatMembers(input: { chat: ChatRef; users: UserRef[]; from?: UserRef }): Update.MessageUpdate<Message.NewChatMembersMessage> {
    const chat = this.chat(input.chat);
    const joined = input.users.map((u) => this.state.addUser(u));
    for (const user of joined) this.state.setMember(chat.id, user.id, { status: 'member' });
    const from = input.from ? this.state.addUser(input.from) : (joined[0] ?? this.state.botUser);
    const stored = this.store(chat, from.id, { service: { new_chat_members: joined } });
    return {
      update_id: this.state.takeUpdateId(),
      message: { message_id: stored.message_id, date: stored.date, chat: this.apiChat(chat), from, new_chat_members: joined },
    };
  }

  /** A user leaving (or removed by `from`); a member who was not banned becomes `left`. */
  leftChatMember(input: { chat: ChatRef; user: UserRef; from?: UserRef }): Update.MessageUpdate<Message.LeftChatMemberMessage> {
    const chat = this.chat(input.chat);
    const user = this.state.addUser(input.user);
    if (this.state.member(chat.id, user.id).status !== 'kicked') this.state.replaceMember(chat.id, { userId: user.id, status: 'left' });
    const from = input.from ? this.state.addUser(input.from) : user;
    const stored = this.store(chat, from.id, { service: { left_chat_member: user } });
    return {
      update_id: this.state.takeUpdateId(),
      message: { message_id: stored.message_id, date: stored.date, chat: this.apiChat(chat), from, left_chat_member: user },
    };
  }

  private memberChange(chatRef: ChatRef, user: UserRef, next: SetMemberOptions, from: UserRef | undefined) {
    const chat = this.chat(chatRef);
    const known = this.state.addUser(user);
    const before: ChatMember = toApiMember(this.state, this.state.member(chat.id, known.id));
    const after: ChatMember = toApiMember(this.state, this.state.setMember(chat.id, known.id, next));
    return {
      chat: this.apiChat(chat),
      from: from ? this.state.addUser(from) : known,
      date: this.state.now(),
      old_chat_member: before,
      new_chat_member: after,
    };
  }

  /**
   * A member's status changing (join, promotion, restriction...). Telegram only delivers these
   * to bots that list `chat_member` in allowed_updates; the fake's queue enforces that too.
   */
  chatMember(input: { chat: ChatRef; user: UserRef; status: SetMemberOptions; from?: UserRef }): Update.ChatMemberUpdate {
    return { update_id: this.state.takeUpdateId(), chat_member: this.memberChange(input.chat, input.user, input.status, input.from) };
  }

  /** The bot's own membership changing: added to a group, promoted, removed. */
  myChatMember(input: { chat: ChatRef; status: SetMemberOptions; from: UserRef }): Update.MyChatMemberUpdate {
    return { update_id: this.state.takeUpdateId(), my_chat_member: this.memberChange(input.chat, this.state.botUser, input.status, input.from) };
  }

  /** A press on an inline button of a message the bot sent; the id is answerable once. */
  callbackQuery(input: { chat: ChatRef; from: UserRef; message_id: number; data: string }): Update.CallbackQueryUpdate<CallbackQuery.DataQuery> {
    const chat = this.chat(input.chat);
    const from = this.state.addUser(input.from);
    const stored = this.state.message(chat.id, input.message_id);
    if (!stored) throw new Error(`fake telegram: message ${input.message_id} does not exist in chat ${chat.id}`);
    const message: Message.TextMessage = {
      message_id: stored.message_id,
      date: stored.date,
      chat: this.apiChat(chat),
      text: stored.text ?? '',
      ...(stored.fromId !== undefined && this.state.users.get(stored.fromId) ? { from: this.state.user(stored.fromId) } : {}),
    };
    return {
      update_id: this.state.takeUpdateId(),
      callback_query: { id: this.state.takeCallbackId(), from, chat_instance: String(chat.id), data: input.data, message },
    };
  }

  /**
   * A basic group upgraded to a supergroup: Telegram posts migrate_to_chat_id in the old chat and
   * migrate_from_chat_id in the new one. The state moves members; the old id then answers 400
   * with parameters.migrate_to_chat_id.
   */
  migrateToChat(input: {
    chat: number;
    newChatId: number;
    from: UserRef;
  }): [Update.MessageUpdate<Message.MigrateToChatIdMessage>, Update.MessageUpdate<Message.MigrateFromChatIdMessage>] {
    const old = this.chat(input.chat);
    const from = this.state.addUser(input.from);
    const oldMsg = this.store(old, from.id, { service: { migrate_to_chat_id: input.newChatId } });
    const oldChat = this.apiChat(old);
    const next = this.state.migrateChat(old.id, input.newChatId);
    const newMsg = this.store(next, from.id, { service: { migrate_from_chat_id: old.id } });
    return [
      {
        update_id: this.state.takeUpdateId(),
        message: { message_id: oldMsg.message_id, date: oldMsg.date, chat: oldChat, from, migrate_to_chat_id: input.newChatId },
      },
      {
        update_id: this.state.takeUpdateId(),
        message: { message_id: newMsg.message_id, date: newMsg.date, chat: this.apiChat(next), from, migrate_from_chat_id: old.id },
      },
    ];
  }
}
