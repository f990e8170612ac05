import { AppError } from '../../shared/errors.js';
import type { BotDeps } from '../bot-deps.js';

/**
 * The group's creator on Telegram becomes its owner on the platform when the bot is added, so
 * the person who owns the group can open it in the dashboard without anyone granting it first.
 * Telegram already gives the creator every power, so this gives no one more than Telegram
 * does. A role somebody chose since (anything but the default `member`) is left alone.
 */
export async function recordCreator(deps: BotDeps, chatId: number): Promise<void> {
  const creator = (await deps.admins.admins(chatId)).find((a) => a.status === 'creator' && !a.isBot);
  if (!creator) return;
  const known = await deps.api.getUser(chatId, creator.id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
    throw err;
  });
  if (known && known.role !== 'member') return;
  await deps.api.upsertUser(chatId, creator.id, { role: 'owner' });
}

/** In the background, like the admin reload it follows: the update does not wait for it. */
export function recordCreatorLater(deps: BotDeps, chatId: number): void {
  const done = recordCreator(deps, chatId).catch((err: unknown) =>
    deps.logger.warn("could not record the group's creator as its owner", { chat_id: chatId, error: (err as Error).message }),
  );
  deps.notify.track(done);
}
