import type { Chat, ChatMember } from 'telegraf/types';
import type { FakeTelegramState } from './state.js';
import type { FakeChat, MemberRecord, StoredMessage } from './types.js';
import { allPermissions, allRights } from './state.js';

/** Plain JSON as the Bot API sends it. */
export type ApiObject = Record<string, unknown>;

/** Chats the fake hosts; never channels, so updates built from them type as non-channel. */
export type GroupOrPrivateChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

export function toApiChat(chat: FakeChat): GroupOrPrivateChat {
  if (chat.type === 'private') {
    return {
      id: chat.id,
      type: 'private',
      first_name: chat.first_name ?? chat.title ?? `User ${chat.id}`,
      ...(chat.username ? { username: chat.username } : {}),
    };
  }
  const title = chat.title ?? `Group ${chat.id}`;
  if (chat.type === 'group') return { id: chat.id, type: 'group', title };
  return { id: chat.id, type: 'supergroup', title, ...(chat.username ? { username: chat.username } : {}) };
}

export function toApiMember(state: FakeTelegramState, record: MemberRecord): ChatMember {
  const user = state.users.get(record.userId) ?? state.addUser({ id: record.userId });
  const title = record.customTitle !== undefined ? { custom_title: record.customTitle } : {};
  switch (record.status) {
    case 'creator':
      return { status: 'creator', user, is_anonymous: record.rights?.is_anonymous ?? false, ...title };
    case 'administrator':
      return { status: 'administrator', user, can_be_edited: record.canBeEdited ?? false, ...allRights(false), ...record.rights, ...title };
    case 'restricted':
      return {
        status: 'restricted',
        user,
        is_member: record.isMember ?? true,
        ...allPermissions(false),
        ...record.permissions,
        until_date: record.untilDate ?? 0,
      };
    case 'kicked':
      return { status: 'kicked', user, until_date: record.untilDate ?? 0 };
    case 'member':
      return { status: 'member', user };
    case 'left':
      return { status: 'left', user };
  }
}

/** A stored message as the API returns it, with its replied-to message one level deep. */
export function toApiMessage(state: FakeTelegramState, msg: StoredMessage, depth = 0): ApiObject {
  const chat = state.chats.get(msg.chatId);
  const out: ApiObject = {
    message_id: msg.message_id,
    date: msg.date,
    chat: chat ? toApiChat(chat) : { id: msg.chatId, type: 'supergroup', title: '' },
  };
  if (msg.fromId !== undefined) out['from'] = state.users.get(msg.fromId) ?? { id: msg.fromId, is_bot: false, first_name: '' };
  if (msg.senderChatId !== undefined) {
    const sender = state.chats.get(msg.senderChatId);
    if (sender) out['sender_chat'] = toApiChat(sender);
  }
  if (msg.text !== undefined) out['text'] = msg.text;
  if (msg.entities && msg.entities.length > 0) out['entities'] = msg.entities;
  if (msg.editDate !== undefined) out['edit_date'] = msg.editDate;
  if (msg.replyMarkup && 'inline_keyboard' in msg.replyMarkup) out['reply_markup'] = msg.replyMarkup;
  if (msg.service) Object.assign(out, msg.service);
  if (msg.replyToId !== undefined && depth === 0) {
    const replied = state.message(msg.chatId, msg.replyToId);
    if (replied) out['reply_to_message'] = toApiMessage(state, replied, depth + 1);
  }
  return out;
}
