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
    await deps.api.getGroup(chatId);
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

/** The bot was removed or blocked (403). */
export async function markInactive(deps: BotDeps, chatId: number): Promise<void> {
  await deps.api.updateGroup(chatId, { is_active: false }).catch((err: unknown) => {
    if (!isCode(err, 'NOT_FOUND')) throw err;
  });
  await forgetGroup(deps, chatId);
}
