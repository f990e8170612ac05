import type { Context, Telegraf, Telegram } from 'telegraf';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { ALLOWED_UPDATES, type AllowedUpdate } from './allowed-updates.js';
import type { PollingLock } from './polling-lock.js';
import { webhookSecretSchema } from './webhook-secret.js';

export interface StartPollingOptions<C extends Context> {
  bot: Telegraf<C>;
  logger: Logger;
  /**
   * Required whenever Redis exists. Without one (the all-in-one process, no Redis) nothing
   * stops a second process on the same token except Telegram's own 409.
   */
  lock?: PollingLock | undefined;
  allowedUpdates?: readonly AllowedUpdate[];
  dropPendingUpdates?: boolean;
  /** Called when polling ends on its own (an error, or a lost lock) rather than by stop(). */
  onStopped?: (err?: unknown) => void;
}

export interface PollingRun {
  /** Stops polling, waits for the loop to finish and releases the lock. */
  stop(reason?: string): Promise<void>;
  /** Settles when polling has ended, for whatever reason. */
  done: Promise<void>;
}

/**
 * Starts long polling only once the lock is held: takes the lock, checks the token with
 * getMe and removes any webhook (telegraf's launch repeats the deleteWebhook, harmlessly),
 * then runs telegraf's polling loop with the explicit allowed_updates. A failure before
 * polling starts releases the lock and rejects.
 */
export async function startPolling<C extends Context>(opts: StartPollingOptions<C>): Promise<PollingRun> {
  const { bot, lock, logger } = opts;
  let stopping = false;
  let running = false;
  const stopBot = (reason: string): void => {
    if (!running) return;
    try {
      bot.stop(reason);
    } catch {
      // telegraf throws "Bot is not running!" until launch has created its poller (it first
      // awaits deleteWebhook); try again shortly rather than leave a loop running.
      setTimeout(() => stopBot(reason), 20).unref();
    }
  };
  if (lock) {
    await lock.acquire();
  } else {
    logger.info('polling without a lock: no redis, so this must be the only process using this bot token');
  }
  const allowedUpdates = [...(opts.allowedUpdates ?? ALLOWED_UPDATES)];
  try {
    bot.botInfo ??= await bot.telegram.getMe();
    await bot.telegram.deleteWebhook({ drop_pending_updates: opts.dropPendingUpdates ?? false });
  } catch (err) {
    await lock?.release();
    throw err;
  }
  running = true;
  const loop = bot.launch({ allowedUpdates, dropPendingUpdates: opts.dropPendingUpdates ?? false });
  const done = loop.then(
    async () => {
      running = false;
      await lock?.release();
      if (!stopping) opts.onStopped?.();
    },
    async (err: unknown) => {
      running = false;
      await lock?.release();
      logger.error('polling stopped with an error', { error: errorMessage(err) });
      if (!stopping) opts.onStopped?.(err);
    },
  );
  // Another instance may poll now: stop at once rather than steal updates from it.
  lock?.onLost(() => stopBot('polling lock lost'));
  logger.info('bot polling started', { username: bot.botInfo.username, allowed_updates: allowedUpdates });
  return {
    done,
    async stop(reason = 'shutdown') {
      stopping = true;
      stopBot(reason);
      await done;
    },
  };
}

export interface SetWebhookOptions {
  telegram: Telegram;
  /** Public https URL of the webhook route. */
  url: string;
  secretToken: string;
  allowedUpdates?: readonly AllowedUpdate[];
  dropPendingUpdates?: boolean;
  maxConnections?: number;
}

/** Registers the webhook with the secret and the explicit allowed_updates. */
export async function setWebhook(opts: SetWebhookOptions): Promise<void> {
  webhookSecretSchema.parse(opts.secretToken);
  await opts.telegram.setWebhook(opts.url, {
    secret_token: opts.secretToken,
    allowed_updates: [...(opts.allowedUpdates ?? ALLOWED_UPDATES)],
    drop_pending_updates: opts.dropPendingUpdates ?? false,
    ...(opts.maxConnections !== undefined ? { max_connections: opts.maxConnections } : {}),
  });
}
