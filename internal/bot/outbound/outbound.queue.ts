import { setTimeout as sleep } from 'node:timers/promises';
import type { TelegramError } from 'telegraf';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { counter, gauge, type MetricsRegistry } from '../../shared/metrics.js';
import { exponentialBackoff } from '../../shared/retry/index.js';
import { chatKeyOf, isGroupChat, isIdempotent, methodKind } from './bot-methods.js';
import { MemorySendPacer, type Bucket, type SendPacer } from './send-pacing.js';
import { classifyFailure } from './telegram-failure.js';

/** Telegram's published flood limits, with a little headroom. */
export interface OutboundLimits {
  /** Messages to one chat: about 1 a second. */
  perChat: { intervalMs: number; burst: number };
  /** Messages to one group: about 20 a minute (a short burst, then one every 3 s). */
  perGroup: { intervalMs: number; burst: number };
  /** Every call of the bot: about 30 a second. */
  global: { intervalMs: number; burst: number };
}

export const DEFAULT_LIMITS: OutboundLimits = {
  perChat: { intervalMs: 1_000, burst: 1 },
  perGroup: { intervalMs: 3_000, burst: 3 },
  global: { intervalMs: 34, burst: 30 },
};

export interface OutboundQueueOptions {
  logger: Logger;
  registry?: MetricsRegistry;
  /** Defaults to per-process buckets; pass `createSendPacer({ redis, ... })` to share. */
  pacer?: SendPacer;
  limits?: Partial<OutboundLimits>;
  /**
   * Called when Telegram answers 403 for a chat (bot kicked, not a member, blocked by the
   * user). The call still rejects with the TelegramError; a failing callback is logged.
   */
  onForbidden?: (chatId: string, err: TelegramError) => void | Promise<void>;
  /** A 429's retry_after is obeyed up to this many seconds (default 60). */
  maxRetryAfterSec?: number;
  /** 429 answers one call may absorb before it fails (default 10). */
  maxRateLimitRetries?: number;
  /** Retries after a network error or a 5xx (default 3), exponential from `retryBackoffMs`. */
  maxNetworkRetries?: number;
  retryBackoffMs?: number;
}

export class OutboundClosedError extends Error {
  constructor(message = 'outbound queue closed') {
    super(message);
    this.name = 'OutboundClosedError';
  }
}

interface Job {
  method: string;
  chatKey: string | undefined;
  send: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * The one road every Bot API call takes. Calls for one chat run one at a time in arrival
 * order, in two lanes (messages; moderation and reads), so a 429 on a ban holds back the
 * chat's later moderation calls until the ban went through, and paced messages never
 * hold back a ban. Chat-less calls (getMe, answerCallbackQuery, setMyCommands)
 * have no order to keep and only take a token from the global bucket.
 */
export class OutboundQueue {
  private readonly lanes = new Map<string, Job[]>();
  private readonly pacer: SendPacer;
  private readonly limits: OutboundLimits;
  private readonly abort = new AbortController();
  private readonly idleWaiters = new Set<() => void>();
  private pending = 0;
  private closed = false;
  private readonly depth;
  private readonly retries;

  constructor(private readonly opts: OutboundQueueOptions) {
    this.pacer = opts.pacer ?? new MemorySendPacer();
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const registry = opts.registry;
    this.depth = registry ? gauge(registry, 'bot_outbound_queue_depth', 'Bot API calls queued or in flight') : undefined;
    this.retries = registry
      ? counter(registry, 'bot_telegram_retries_total', 'Bot API calls repeated after a 429, network error or 5xx', ['reason'])
      : undefined;
  }

  /** Calls queued or in flight. */
  size(): number {
    return this.pending;
  }

  /** Runs `send` (the real HTTP call for `method` with `payload`) under the queue's rules. */
  enqueue<T>(method: string, payload: unknown, send: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new OutboundClosedError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { method, chatKey: chatKeyOf(payload), send, resolve: resolve as (value: unknown) => void, reject };
      this.pending += 1;
      this.depth?.set(this.pending);
      if (job.chatKey === undefined) {
        void this.runJob(job);
        return;
      }
      // Two lanes per chat: messages, paced to the chat's budget, and everything else (bans,
      // restrictions, deletes, reads). During a raid dozens of welcomes wait for their turn;
      // a ban must not wait behind them. Handlers await each call, so a reply that reports
      // a ban is still only sent once the ban went through.
      const laneKey = `${job.chatKey}|${methodKind(method)}`;
      const lane = this.lanes.get(laneKey);
      if (lane) {
        lane.push(job);
        return;
      }
      const fresh = [job];
      this.lanes.set(laneKey, fresh);
      void this.runLane(laneKey, fresh);
    });
  }

  /** Resolves true once nothing is queued or in flight, false if `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters.delete(done);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.add(done);
    });
  }

  /**
   * Graceful shutdown: refuses new calls, lets queued ones finish for up to `timeoutMs`, then
   * rejects whatever still waits (for budget, a retry_after or its turn) with
   * OutboundClosedError. A request already on the wire is left to complete.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    if (await this.drain(timeoutMs)) return;
    const left = this.pending;
    this.abort.abort();
    this.opts.logger.warn('outbound queue closed with calls still waiting', { calls: left });
  }

  private async runLane(chatKey: string, lane: Job[]): Promise<void> {
    // Enqueue pushes onto `lane` while we await; the lane is removed only once empty, in the
    // same tick as the last shift, so a call can never start a second runner for the chat.
    for (let job = lane.shift(); job; job = lane.shift()) await this.runJob(job);
    this.lanes.delete(chatKey);
  }

  private async runJob(job: Job): Promise<void> {
    try {
      job.resolve(await this.attempt(job));
    } catch (err) {
      job.reject(err);
    } finally {
      this.pending -= 1;
      this.depth?.set(this.pending);
      if (this.pending === 0) for (const wake of [...this.idleWaiters]) wake();
    }
  }

  private async attempt(job: Job): Promise<unknown> {
    let rateLimited = 0;
    let networkFailures = 0;
    for (;;) {
      await this.takeBudget(job);
      try {
        return await job.send();
      } catch (err) {
        const failure = classifyFailure(err);
        if (failure.kind === 'rate-limited' && rateLimited < (this.opts.maxRateLimitRetries ?? 10)) {
          rateLimited += 1;
          const waitSec = Math.min(Math.max(failure.retryAfterSec, 0), this.opts.maxRetryAfterSec ?? 60);
          this.retries?.inc({ reason: 'rate_limited' });
          this.opts.logger.warn('telegram rate limit, retrying', {
            method: job.method,
            chat_id: job.chatKey,
            retry_after: failure.retryAfterSec,
            attempt: rateLimited,
          });
          await this.wait(waitSec * 1000);
          continue;
        }
        const transient = failure.kind === 'server' || failure.kind === 'network';
        const safe = isIdempotent(job.method) || (failure.kind === 'network' && !failure.reachedServer);
        if (transient && safe && networkFailures < (this.opts.maxNetworkRetries ?? 3)) {
          networkFailures += 1;
          this.retries?.inc({ reason: failure.kind });
          this.opts.logger.warn('telegram call failed, retrying', { method: job.method, chat_id: job.chatKey, error: describe(err), attempt: networkFailures });
          await this.wait(exponentialBackoff({ baseMs: this.opts.retryBackoffMs ?? 250 })(networkFailures - 1));
          continue;
        }
        if (failure.kind === 'forbidden' && job.chatKey !== undefined) await this.forbidden(job.chatKey, err as TelegramError);
        throw err;
      }
    }
  }

  private async takeBudget(job: Job): Promise<void> {
    if (this.abort.signal.aborted) throw new OutboundClosedError('outbound queue closed before the call could be sent');
    const buckets: Bucket[] = [{ key: 'global', ...this.limits.global }];
    if (job.chatKey !== undefined && methodKind(job.method) === 'message') {
      buckets.push({ key: `chat:${job.chatKey}`, ...this.limits.perChat });
      if (isGroupChat(job.chatKey)) buckets.push({ key: `group:${job.chatKey}`, ...this.limits.perGroup });
    }
    for (let waitMs = await this.pacer.acquire(buckets); waitMs > 0; waitMs = await this.pacer.acquire(buckets)) {
      await this.wait(waitMs);
    }
  }

  private async wait(ms: number): Promise<void> {
    if (this.abort.signal.aborted) throw new OutboundClosedError();
    try {
      await sleep(ms, undefined, { signal: this.abort.signal });
    } catch {
      throw new OutboundClosedError('outbound queue closed before the call could be sent');
    }
  }

  private async forbidden(chatKey: string, err: TelegramError): Promise<void> {
    try {
      await this.opts.onForbidden?.(chatKey, err);
    } catch (cbErr) {
      this.opts.logger.error('onForbidden callback failed', { chat_id: chatKey, error: describe(cbErr) });
    }
  }
}

// Error messages from node-fetch carry the request URL, and with it the bot token; the
// logger redacts tokens too, but never hand it one in the first place.
function describe(err: unknown): string {
  const text = errorMessage(err);
  return text.replace(/\/bot\d+:[^/\s]+/g, '/bot[REDACTED]');
}
