import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.js';
import { closeRedis, createRedisClient, whenReady, type RedisTuning } from '../../shared/redis/index.js';
import { CONNECTIONS_META_FIELD } from '../builders/redis-keys.js';

/** What the reconciler needs from Redis: write the connections hash, and clean up. */
export interface ConnectionsStore {
  /**
   * Replaces the hash at `key` with `fields` and publishes `hash` on `channel`, unless
   * `_meta` already carries `hash`. Returns whether it wrote.
   */
  sync(url: string, key: string, channel: string, fields: Record<string, string>, hash: string): Promise<boolean>;
  remove(url: string, keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * One client per distinct Redis URL (many BotPlatforms usually share one Redis), built
 * by the project's factory, kept for the life of the operator.
 */
export class RedisConnectionsStore implements ConnectionsStore {
  private readonly clients = new Map<string, Redis>();

  constructor(
    private readonly logger: Logger,
    private readonly tuning: RedisTuning & { readyTimeoutMs?: number } = {},
  ) {}

  async sync(url: string, key: string, channel: string, fields: Record<string, string>, hash: string): Promise<boolean> {
    const redis = await this.client(url);
    const meta = await redis.hget(key, CONNECTIONS_META_FIELD);
    if (meta && metaHash(meta) === hash) return false;
    // DEL + HSET in one transaction: readers never see a half-written hash, and fields of
    // a service that no longer exists do not linger. PUBLISH inside it so the message
    // cannot overtake the data it announces.
    const results = await redis.multi().del(key).hset(key, fields).publish(channel, hash).exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw new Error(`redis transaction failed: ${String(failed?.[0] ?? 'aborted')}`);
    return true;
  }

  async remove(url: string, keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    const redis = await this.client(url);
    await redis.del(...keys);
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => closeRedis(c)));
  }

  private async client(url: string): Promise<Redis> {
    let redis = this.clients.get(url);
    if (!redis) {
      const { readyTimeoutMs: _ignored, ...tuning } = this.tuning;
      redis = createRedisClient(url, { ...tuning, logger: this.logger, name: 'botplatform-operator' });
      this.clients.set(url, redis);
    }
    // The factory's clients refuse commands while disconnected; wait briefly for 'ready'.
    if (!(await whenReady(redis, this.tuning.readyTimeoutMs ?? 2_000))) throw new Error('redis not reachable');
    return redis;
  }
}

function metaHash(meta: string): string | undefined {
  try {
    const parsed = JSON.parse(meta) as { hash?: unknown };
    return typeof parsed.hash === 'string' ? parsed.hash : undefined;
  } catch {
    return undefined;
  }
}
