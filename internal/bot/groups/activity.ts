import type { ApiClient } from '../../connect/api-client.js';
import type { Logger } from '../../shared/logger.js';

interface Pending {
  messages: Map<number, number>;
  joins: number;
  leaves: number;
}

/**
 * Message, join and leave counters, batched: a busy group would otherwise cost one api
 * write per message. Flushed every `intervalMs` and on shutdown; a failed flush is logged
 * and dropped (statistics, not moderation: losing a few counts beats piling up memory).
 * budget: bot-throughput (docs/budgets.md)
 */
export class ActivityRecorder {
  private pending = new Map<number, Pending>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly api: ApiClient,
    private readonly logger: Logger,
    intervalMs = 2000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  message(groupId: number, userId: number): void {
    const p = this.of(groupId);
    p.messages.set(userId, (p.messages.get(userId) ?? 0) + 1);
  }

  join(groupId: number): void {
    this.of(groupId).joins++;
  }

  leave(groupId: number): void {
    this.of(groupId).leaves++;
  }

  /** Sends what is pending, for every group or only for `groupId`. */
  async flush(groupId?: number): Promise<void> {
    const batch = groupId === undefined ? this.pending : new Map([...this.pending].filter(([id]) => id === groupId));
    if (groupId === undefined) this.pending = new Map();
    else this.pending.delete(groupId);
    const calls: Promise<void>[] = [];
    for (const [id, p] of batch) {
      for (const [userId, messages] of p.messages) calls.push(this.api.recordActivity(id, { messages, user_id: userId }));
      if (p.joins || p.leaves) calls.push(this.api.recordActivity(id, { ...(p.joins ? { joins: p.joins } : {}), ...(p.leaves ? { leaves: p.leaves } : {}) }));
    }
    const results = await Promise.allSettled(calls);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) this.logger.warn('activity counters dropped', { failed: failed.length, error: String((failed[0] as PromiseRejectedResult).reason) });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private of(groupId: number): Pending {
    let p = this.pending.get(groupId);
    if (!p) {
      p = { messages: new Map(), joins: 0, leaves: 0 };
      this.pending.set(groupId, p);
    }
    return p;
  }
}
