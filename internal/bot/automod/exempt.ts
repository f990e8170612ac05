import type { Message } from 'telegraf/types';
import type { BotDeps } from '../bot-deps.js';

/**
 * Automatic moderation leaves alone: admins (Telegram's list), anonymous admins and the
 * linked channel posting as the group, and members the group gave a role above `member`
 * (our "approved" users). Asked only once a message would be acted on, so ordinary
 * traffic costs no lookup.
 */
export async function isExempt(deps: BotDeps, m: Message): Promise<boolean> {
  const chatId = m.chat.id;
  if ('sender_chat' in m && m.sender_chat) return m.sender_chat.id === chatId || ('is_automatic_forward' in m && m.is_automatic_forward === true);
  const from = m.from;
  if (!from || from.id === deps.me.id) return true;
  if (await deps.admins.find(chatId, from.id)) return true;
  const user = await deps.api.getUser(chatId, from.id).catch(() => undefined);
  return user !== undefined && user.role !== 'member';
}
