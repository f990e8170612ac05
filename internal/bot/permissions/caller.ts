import type { Message } from 'telegraf/types';
import type { Caller } from '../commands/command.js';
import type { AdminCache } from './admin-cache.js';

/**
 * Resolves the sender of a group message. Anonymous admins post with sender_chat = the
 * group: they count as admins with the rights all anonymous admins share. Messages sent on
 * behalf of another channel get no admin standing at all.
 */
export async function callerOf(message: Message, admins: AdminCache): Promise<Caller | undefined> {
  const chatId = message.chat.id;
  const senderChat = 'sender_chat' in message ? message.sender_chat : undefined;
  if (senderChat) {
    if (senderChat.id !== chatId) return undefined;
    const admin = await admins.anonymous(chatId);
    return { id: chatId, person: { id: chatId, first_name: 'Anonymous admin' }, anonymous: true, admin };
  }
  const from = message.from;
  if (!from) return undefined;
  return { id: from.id, person: from, anonymous: false, admin: await admins.find(chatId, from.id) };
}
