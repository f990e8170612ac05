import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../shared/logger.js';
import { RedisHealth } from '../../shared/redis/index.js';

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
  private readonly local: LRUCache<number, true>;
  private readonly health: RedisHealth | undefined;

  constructor(private readonly opts: UpdateDedupOptions) {
    // ttlResolution 0: an id's expiry is checked on the clock of that moment, not one cached for 1 ms.
    this.local = new LRUCache<number, true>({ max: opts.localSize ?? 10_000, ttl: this.ttlSec() * 1000, ttlResolution: 0 });
    this.health = opts.redis
      ? new RedisHealth({
          client: opts.redis,
          logger: opts.logger,
          user: 'update de-duplication',
          fallback: 'per-replica de-duplication',
          downMessage: 'redis unavailable for update de-duplication; de-duplicating per replica until it returns',
          upMessage: 'update de-duplication shared through redis again',
          whileConnecting: 'down',
        })
      : undefined;
  }

  key(updateId: number): string {
    return `${this.opts.keyPrefix}:bot:${this.opts.botId}:update:${updateId}`;
  }

  /** True the first time an id is seen (claims it), false for a duplicate. */
  async claim(updateId: number): Promise<boolean> {
    if (this.local.has(updateId)) return false;
    this.local.set(updateId, true);
    if (!this.health) return true;
    return this.health.run(
      async (redis) => (await redis.set(this.key(updateId), '1', 'EX', this.ttlSec(), 'NX')) === 'OK',
      () => true,
    );
  }

  /** Gives the id back, so Telegram's redelivery of an update that failed is processed. */
  async release(updateId: number): Promise<void> {
    this.local.delete(updateId);
    // Worst case the redelivery is taken for a duplicate, as it would be without Redis.
    await this.health?.run(
      (redis) => redis.del(this.key(updateId)),
      () => 0,
    );
  }

  private ttlSec(): number {
    return this.opts.ttlSec ?? 3600;
  }
}
