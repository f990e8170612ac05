import type { Update } from 'telegraf/types';
import { BotApiError } from './errors.js';

/** Telegram withholds these unless a client lists them in allowed_updates explicitly. */
const OPT_IN_TYPES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}

/** Whether Telegram would deliver this update to a client that asked for `allowed`. */
export function isAllowed(update: Update, allowed: readonly string[] | undefined): boolean {
  const type = updateType(update);
  return allowed && allowed.length > 0 ? allowed.includes(type) : !OPT_IN_TYPES.has(type);
}

export interface PollOptions {
  offset?: number;
  limit?: number;
  timeoutS?: number;
  allowedUpdates?: string[];
  signal: AbortSignal;
}

interface Waiter {
  wake: () => void;
  conflict: () => void;
}

/**
 * The getUpdates side of the fake: a queue with Telegram's offset confirmation, persistent
 * allowed_updates, one long poll at a time (a second poller terminates the first with 409, as
 * when two instances share a token) and a wait capped at `maxWaitMs` so tests stay fast.
 */
export class UpdateQueue {
  private updates: Update[] = [];
  private allowed: string[] | undefined;
  private waiter: Waiter | undefined;
  private readonly stopController = new AbortController();

  constructor(private readonly maxWaitMs: number) {}

  enqueue(update: Update): void {
    this.updates.push(update);
    this.waiter?.wake();
  }

  /** Updates not yet confirmed by an offset, as getWebhookInfo's pending_update_count. */
  get pendingCount(): number {
    return this.updates.length;
  }

  /** Whether a long poll is waiting for updates now. */
  get polling(): boolean {
    return this.waiter !== undefined;
  }

  dropPending(): void {
    this.updates = [];
  }

  /** Ends every pending long poll with an empty result; used by stop(). */
  close(): void {
    this.stopController.abort();
    this.waiter?.wake();
  }

  async poll(opts: PollOptions): Promise<Update[]> {
    if (opts.allowedUpdates) this.allowed = opts.allowedUpdates;
    this.confirm(opts.offset);
    const limit = Math.min(Math.max(opts.limit ?? 100, 1), 100);
    const ready = this.take(limit);
    const waitMs = Math.min((opts.timeoutS ?? 0) * 1000, this.maxWaitMs);
    if (ready.length > 0 || waitMs <= 0 || this.stopController.signal.aborted) return ready;
    this.waiter?.conflict();
    await this.wait(waitMs, opts.signal);
    return this.take(limit);
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.updates = this.updates.slice(offset);
      return;
    }
    this.updates = this.updates.filter((u) => u.update_id >= offset);
  }

  /** Returns (without confirming) the next deliverable updates; filtered-out ones are dropped. */
  private take(limit: number): Update[] {
    this.updates = this.updates.filter((u) => isAllowed(u, this.allowed));
    return this.updates.slice(0, limit);
  }

  private wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.stopController.signal.removeEventListener('abort', done);
        if (this.waiter === waiter) this.waiter = undefined;
      };
      const waiter: Waiter = {
        wake: () => {
          done();
          resolve();
        },
        conflict: () => {
          done();
          reject(new BotApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
        },
      };
      const timer = setTimeout(waiter.wake, ms);
      signal.addEventListener('abort', waiter.wake);
      this.stopController.signal.addEventListener('abort', waiter.wake);
      this.waiter = waiter;
    });
  }
}
