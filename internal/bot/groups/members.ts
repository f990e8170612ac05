import type { User as TgUser } from 'telegraf/types';
import type { BotDeps } from '../bot-deps.js';

/**
 * Keeps the users store in step with who the bot sees, so @username targets resolve.
 * A KV marker remembers what was last written: a member who chats all day costs one
 * write per profile change (or per six hours), not one per message.
 * budget: bot-throughput (docs/budgets.md)
 */
export async function trackMember(deps: BotDeps, chatId: number, user: TgUser, change?: 'joined' | 'left'): Promise<void> {
  if (user.is_bot && user.id !== deps.me.id && change === undefined) return;
  const profile = `${user.username ?? ''}|${user.first_name}|${user.last_name ?? ''}`;
  const key = `seen:${chatId}:${user.id}`;
  if (!change && (deps.memo.get(key) === profile || (await deps.kv.get(key)) === profile)) {
    deps.memo.set(key, profile, 600);
    return;
  }
  const now = new Date(deps.now()).toISOString();
  await deps.api.upsertUser(chatId, user.id, {
    username: user.username && /^[A-Za-z0-9_]{4,32}$/.test(user.username) ? user.username : null,
    first_name: user.first_name.slice(0, 256),
    last_name: user.last_name?.slice(0, 256) ?? null,
    is_active: change !== 'left',
    ...(change === 'joined' ? { joined_at: now } : {}),
  });
  await deps.kv.set(key, profile, 6 * 3600);
  deps.memo.set(key, profile, 600);
}

/**
 * A join or leave reaches the bot twice (the service message and the chat_member update);
 * whichever comes first counts it, once.
 */
export async function countMembership(deps: BotDeps, chatId: number, userId: number, change: 'joined' | 'left'): Promise<boolean> {
  const key = `member-event:${chatId}:${userId}:${change}`;
  if (await deps.kv.get(key)) return false;
  await deps.kv.set(key, '1', 60);
  if (change === 'joined') deps.activity.join(chatId);
  else deps.activity.leave(chatId);
  return true;
}
