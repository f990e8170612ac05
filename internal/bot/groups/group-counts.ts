import { AppError } from '../../shared/errors.js';
import type { BotDeps } from '../bot-deps.js';

/**
 * A group's member_count and admin_count as Telegram has them. Between two syncs joins and
 * leaves move member_count (the activity batch); a sync overwrites whatever drift that
 * counting picked up (joined bots, updates missed while the bot was down, joins counted
 * again right after a registration). It runs whenever the admin list is loaded from
 * Telegram: at registration, when the ten-minute admin cache runs out in a busy chat, after
 * an admin change and on /admincache. An unchanged group costs a (cached) read, no write.
 */
export async function syncGroupCounts(deps: BotDeps, chatId: number, adminCount: number): Promise<void> {
  // Joins and leaves still pending are in Telegram's count already: sent after it is
  // written, they would count twice.
  await deps.activity.flush(chatId);
  const [members, group] = await Promise.all([deps.telegram.getChatMembersCount(chatId), deps.api.getGroup(chatId)]);
  if (group.member_count === members && group.admin_count === adminCount) return;
  await deps.api.updateGroup(chatId, { member_count: members, admin_count: adminCount });
}

/** In the background: the update whose handling loaded the admins does not wait for it. */
export function syncGroupCountsLater(deps: BotDeps, chatId: number, adminCount: number): void {
  if (chatId >= 0) return;
  const sync = syncGroupCounts(deps, chatId, adminCount).catch((err: unknown) => {
    // Not registered yet: registration loads the admins again once the group exists.
    if (err instanceof AppError && err.code === 'NOT_FOUND') return;
    deps.logger.warn("could not sync the group's member and admin counts", { chat_id: chatId, error: (err as Error).message });
  });
  deps.notify.track(sync);
}

/**
 * Reloads the chat's admins from Telegram in the background, which syncs both counts: for a
 * group just registered, and after an admin change, so admin_count does not wait for the
 * next command to need the list.
 */
export function reloadAdminsLater(deps: BotDeps, chatId: number): void {
  const load = deps.admins.refresh(chatId).then(
    () => undefined,
    (err: unknown) => deps.logger.warn('could not reload the admin list', { chat_id: chatId, error: (err as Error).message }),
  );
  deps.notify.track(load);
}
