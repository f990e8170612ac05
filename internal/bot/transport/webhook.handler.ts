import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Update } from 'telegraf/types';
import { z } from 'zod';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { counter, type MetricsRegistry } from '../../shared/metrics.js';
import type { UpdateDedup } from './update-dedup.js';
import { secretMatches, webhookSecretSchema } from './webhook-secret.js';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

// Only what the route relies on; telegraf's own filters look at the rest.
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookHandlerOptions {
  /** The secret_token given to setWebhook. */
  secretToken: string;
  dedup: UpdateDedup;
  /** Usually `(u) => bot.handleUpdate(u)`; its rejections are logged and counted. */
  handleUpdate: (update: Update) => Promise<void>;
  logger: Logger;
  registry?: MetricsRegistry;
  /**
   * 'before-handling' (default): answer 200 as soon as the update is accepted, and handle
   * it in the background. Telegram waits for our answer before sending this bot more
   * updates and redelivers on a timeout, and handling can legitimately take long (a 429's
   * retry_after holds a ban for seconds), so acknowledging first keeps delivery flowing; the
   * price is that an update in flight when the process dies is lost. 'after-handling'
   * answers once handling finished, with 500 (and the id released for the redelivery) if
   * it failed.
   */
  respond?: 'before-handling' | 'after-handling';
  /** Request body limit (default 1 MB; updates are a few KB). */
  bodyLimit?: string;
}

export interface WebhookHandler {
  /** Mount with `app.post(path, handler.router)` or `app.use(path, handler.router)`. */
  router: Router;
  /** Resolves true once no accepted update is still being handled, false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
}

type Outcome = 'accepted' | 'duplicate' | 'unauthorized' | 'bad_request' | 'failed';

/**
 * The Telegram webhook route: secret check first (nothing is parsed for a caller without
 * the secret), then body validation, then de-duplication by update_id, then the bot.
 */
export function createWebhookHandler(opts: WebhookHandlerOptions): WebhookHandler {
  webhookSecretSchema.parse(opts.secretToken);
  const requests = opts.registry ? counter(opts.registry, 'bot_webhook_requests_total', 'Webhook requests by outcome', ['outcome']) : undefined;
  const inFlight = new Set<Promise<void>>();
  const count = (outcome: Outcome): void => requests?.inc({ outcome });

  const run = (update: Update): Promise<void> => {
    const p = opts.handleUpdate(update).finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };

  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') {
      res.status(405).set('Allow', 'POST').json({ ok: false, error: 'method not allowed' });
      return;
    }
    if (!secretMatches(opts.secretToken, req.get(SECRET_HEADER))) {
      count('unauthorized');
      res.status(401).json({ ok: false, error: 'unauthorized' });
      return;
    }
    next();
  });
  router.use(express.json({ limit: opts.bodyLimit ?? '1mb' }));
  router.use(async (req: Request, res: Response) => {
    const parsed = updateSchema.safeParse(req.body);
    if (!parsed.success) {
      count('bad_request');
      res.status(400).json({ ok: false, error: 'body is not a Telegram Update' });
      return;
    }
    // Validated as far as this route needs; the rest of Update's shape is telegraf's business.
    const update = parsed.data as unknown as Update;
    if (!(await opts.dedup.claim(update.update_id))) {
      count('duplicate');
      res.status(200).json({ ok: true, duplicate: true });
      return;
    }
    if (opts.respond === 'after-handling') {
      try {
        await run(update);
      } catch (err) {
        count('failed');
        opts.logger.error('webhook update failed', { update_id: update.update_id, error: errorMessage(err) });
        await opts.dedup.release(update.update_id);
        res.status(500).json({ ok: false, error: 'update failed' });
        return;
      }
      count('accepted');
      res.status(200).json({ ok: true });
      return;
    }
    run(update).catch((err: unknown) => {
      count('failed');
      opts.logger.error('webhook update failed', { update_id: update.update_id, error: errorMessage(err) });
    });
    count('accepted');
    res.status(200).json({ ok: true });
  });
  // Malformed JSON or an oversized body from a caller that knew the secret.
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    count('bad_request');
    const status = typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 413 ? 413 : 400;
    res.status(status).json({ ok: false, error: status === 413 ? 'body too large' : 'body is not JSON' });
  });

  return {
    router,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (timer = setTimeout(r, left)))]);
        clearTimeout(timer);
      }
      return true;
    },
  };
}
