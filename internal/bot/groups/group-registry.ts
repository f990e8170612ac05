import { TelegramError } from 'telegraf';
import { AppError } from '../../shared/errors.js';
import type { BotDeps } from '../bot-deps.js';
import { reloadAdminsLater } from './group-counts.js';

/**
 * Which chats the api knows, remembered per process (memo) and across replicas (kv), so a
 * group's messages skip the api lookup. Every path that registers or drops a group goes
 * through here, so the marker can't drift from what the api holds.
 * budget: bot-throughput (docs/budgets.md)
 */
const key = (chatId: number) => `known:${chatId}`;
const isCode = (err: unknown, code: string) => err instanceof AppError && err.code === code;

async function remember(deps: BotDeps, chatId: number): Promise<void> {
  await deps.kv.set(key(chatId), '1', 3600);
  deps.memo.set(key(chatId), '1', 300);
}

export async function forgetGroup(deps: BotDeps, chatId: number): Promise<void> {
  await deps.kv.del(key(chatId));
  deps.memo.delete(key(chatId));
}

/** Groups the bot was added to before the platform knew it get registered on first use. */
export async function ensureGroup(deps: BotDeps, chatId: number, title: string): Promise<void> {
  if (deps.memo.get(key(chatId)) || (await deps.kv.get(key(chatId)))) {
    deps.memo.set(key(chatId), '1', 300);
    return;
  }
  try {
    const group = await deps.api.getGroup(chatId);
    // An update from the group means the bot is in it: a group marked inactive is active again.
    if (!group.is_active) await deps.api.updateGroup(chatId, { is_active: true });
  } catch (err) {
    if (!isCode(err, 'NOT_FOUND')) throw err;
    const created = await deps.api.createGroup({ group_id: chatId, name: title || `Group ${chatId}` }).then(
      () => true,
      (e: unknown) => {
        if (!isCode(e, 'CONFLICT')) throw e;
        return false;
      },
    );
    if (created) reloadAdminsLater(deps, chatId);
  }
  await remember(deps, chatId);
}

/** The bot was added: the group exists and is active (again). */
export async function registerGroup(deps: BotDeps, chatId: number, title: string): Promise<void> {
  try {
    await deps.api.createGroup({ group_id: chatId, name: title || `Group ${chatId}` });
  } catch (err) {
    if (!isCode(err, 'CONFLICT')) throw err;
    await deps.api.updateGroup(chatId, { is_active: true, name: title || `Group ${chatId}` });
  }
  await remember(deps, chatId);
}

/**
 * A call to the group was refused with 403: the group goes inactive only when Telegram
 * confirms the bot is out (left, kicked, or even getChatMember refused). A 403 for anything
 * else (a send the group's permissions forbid) leaves it active.
 */
export async function markInactiveIfGone(deps: BotDeps, chatId: number): Promise<void> {
  const status = await deps.telegram.getChatMember(chatId, deps.me.id).then(
    (m) => m.status,
    (err: unknown) => (err instanceof TelegramError && err.code === 403 ? 'left' : undefined),
  );
  if (status === 'left' || status === 'kicked') {
    deps.logger.warn('the bot is no longer in the group: marking it inactive', { chat_id: chatId });
    await markInactive(deps, chatId);
  } else {
    deps.logger.warn('a call to the group was refused (403) but the bot is still in it: the group stays active', { chat_id: chatId, status });
  }
}

/** The bot was removed or blocked (403). */
export async function markInactive(deps: BotDeps, chatId: number): Promise<void> {
  await deps.api.updateGroup(chatId, { is_active: false }).catch((err: unknown) => {
    if (!isCode(err, 'NOT_FOUND')) throw err;
  });
  await forgetGroup(deps, chatId);
}
