import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.js';
import { RedisHealth } from '../../shared/redis/index.js';
import { LocalMemo } from './local-memo.js';

/**
 * The little shared state the bot keeps between updates: admin lists, the last welcome
 * message, flood windows, settings. Redis when configured (shared across replicas), a map
 * otherwise (`make run`). A Redis failure degrades to the process's own map with one log
 * line: moderation must keep working when the cache is down.
 */
export interface BotKv {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlS: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Records a hit now and answers how many hits fall in the last `windowMs`. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
}

export class MemoryKv implements BotKv {
  private readonly values: LocalMemo;
  private readonly windows = new Map<string, number[]>();

  constructor(clock: () => number = Date.now) {
    this.values = new LocalMemo(100_000, clock);
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  set(key: string, value: string, ttlS: number): Promise<void> {
    this.values.set(key, value, ttlS);
    return Promise.resolve();
  }

  del(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }

  hit(key: string, windowMs: number, now: number): Promise<number> {
    const kept = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    kept.push(now);
    this.windows.set(key, kept);
    if (this.windows.size > 50_000) this.prune(now, windowMs);
    return Promise.resolve(kept.length);
  }

  private prune(now: number, windowMs: number): void {
    for (const [k, ts] of this.windows) if ((ts.at(-1) ?? 0) <= now - windowMs) this.windows.delete(k);
  }
}

export class RedisKv implements BotKv {
  private readonly fallback = new MemoryKv();
  private readonly health: RedisHealth;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    logger: Logger,
  ) {
    this.health = new RedisHealth({
      client: redis,
      logger,
      user: 'bot state',
      fallback: 'this process',
      downMessage: 'redis unavailable, bot state falls back to this process',
      upMessage: 'bot state back on redis',
      whileConnecting: 'down',
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.health.run(
      async (redis) => (await redis.get(this.k(key))) ?? undefined,
      () => this.fallback.get(key),
    );
  }

  async set(key: string, value: string, ttlS: number): Promise<void> {
    await this.fallback.set(key, value, ttlS);
    await this.health.run(
      async (redis) => void (await redis.set(this.k(key), value, 'EX', Math.max(1, Math.ceil(ttlS)))),
      () => undefined,
    );
  }

  async del(key: string): Promise<void> {
    await this.fallback.del(key);
    await this.health.run(
      async (redis) => void (await redis.del(this.k(key))),
      () => undefined,
    );
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    return this.health.run(
      async (redis) => {
        const k = this.k(key);
        // A sorted set of hit times: the window slides, so a burst straddling a boundary
        // still counts as one burst. The member carries a random tail so equal ms don't merge.
        const res = await redis
          .multi()
          .zremrangebyscore(k, 0, now - windowMs)
          .zadd(k, now, `${now}:${Math.random().toString(36).slice(2, 8)}`)
          .zcard(k)
          .pexpire(k, windowMs)
          .exec();
        const card = res?.[2]?.[1];
        return typeof card === 'number' ? card : 1;
      },
      () => this.fallback.hit(key, windowMs, now),
    );
  }

  private k(key: string): string {
    return `${this.prefix}:${key}`;
  }
}
