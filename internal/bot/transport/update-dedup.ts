import type { Redis } from 'ioredis';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export interface UpdateDedupOptions {
  /** Optional: without it, duplicates are caught per process only. */
  redis?: Redis | undefined;
  /** e.g. `botplatform`; the key is `{prefix}:bot:{botId}:update:{update_id}`. */
  keyPrefix: string;
  /** Telegram's numeric bot id (the part of the token before ':'), never the token. */
  botId: string | number;
  logger: Logger;
  /** How long an update id is remembered (default 1 h; Telegram's redeliveries come well within). */
  ttlSec?: number;
  /** Ids remembered in process (default 10 000). */
  localSize?: number;
}

/**
 * Remembers update ids so a redelivered update (Telegram retries after a timeout or a
 * non-2xx, and after a replica restart) is processed once across every replica. A local
 * LRU answers repeats seen by this process without a round trip and stands in while Redis
 * is down.
 */
export class UpdateDedup {
  private readonly local = new Map<number, number>();
  private degraded = false;

  constructor(private readonly opts: UpdateDedupOptions) {}

  key(updateId: number): string {
    return `${this.opts.keyPrefix}:bot:${this.opts.botId}:update:${updateId}`;
  }

  /** True the first time an id is seen (claims it), false for a duplicate. */
  async claim(updateId: number): Promise<boolean> {
    const now = Date.now();
    const seenUntil = this.local.get(updateId);
    if (seenUntil !== undefined && seenUntil > now) return false;
    this.remember(updateId, now);
    const redis = this.opts.redis;
    if (!redis) return true;
    if (redis.status !== 'ready') return this.fallback(`redis ${redis.status}`);
    try {
      const set = await redis.set(this.key(updateId), '1', 'EX', this.ttlSec(), 'NX');
      this.recovered();
      return set === 'OK';
    } catch (err) {
      return this.fallback(errorMessage(err));
    }
  }

  /** Gives the id back, so Telegram's redelivery of an update that failed is processed. */
  async release(updateId: number): Promise<void> {
    this.local.delete(updateId);
    const redis = this.opts.redis;
    if (!redis || redis.status !== 'ready') return;
    try {
      await redis.del(this.key(updateId));
    } catch {
      // Worst case the redelivery is taken for a duplicate, as it would be without Redis.
    }
  }

  private ttlSec(): number {
    return this.opts.ttlSec ?? 3600;
  }

  private remember(updateId: number, now: number): void {
    // Map keeps insertion order: the first key is the oldest, evicted when full.
    this.local.delete(updateId);
    this.local.set(updateId, now + this.ttlSec() * 1000);
    if (this.local.size <= (this.opts.localSize ?? 10_000)) return;
    const oldest = this.local.keys().next();
    if (!oldest.done) this.local.delete(oldest.value);
  }

  private fallback(reason: string): boolean {
    if (!this.degraded) {
      this.degraded = true;
      this.opts.logger.warn('redis unavailable for update de-duplication; de-duplicating per replica until it returns', { reason });
    }
    return true;
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.opts.logger.info('update de-duplication shared through redis again');
  }
}
