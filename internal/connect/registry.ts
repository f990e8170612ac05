import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.js';
import { counter, gauge, type MetricsRegistry } from '../shared/metrics.js';
import { createRedisClient, createRedisSubscriber, RedisHealth, redisTarget, whenReady, type RedisSubscriber } from '../shared/redis/index.js';
import { connectionSchema, connectionsDocSchema, metaSchema, SERVICES, type Connection, type ServiceName } from './connections.schema.js';
import { CONNECTIONS_META_FIELD, connectionsChannel, connectionsHashKey, type PlatformRef } from './connection-keys.js';

export type ConfigSource = 'redis' | 'file' | 'env';

export interface EffectiveConnection extends Connection {
  source: ConfigSource;
}

export interface RegistryOptions {
  logger: Logger;
  metrics: MetricsRegistry;
  /** Defaults from env: the last resort, always complete. */
  defaults: Record<ServiceName, Connection>;
  /** Redis and the platform it belongs to; absent in the all-in-one process. */
  redis?: { url: string; platform: PlatformRef; reconnectMaxDelayMs?: number };
  /** The mounted ConfigMap file (CONNECTIONS_FILE). */
  file?: string;
  /** Upper bound between two re-reads when no change message arrives. */
  refreshIntervalMs?: number;
}

interface Layer {
  services: Partial<Record<ServiceName, Connection>>;
  hash: string | undefined;
}

/**
 * Where each callee is and how to reach it, kept in process so a lookup is a map read.
 * Redis wins, then the mounted file, then env; a change message on the channel (or the
 * periodic refresh) re-reads Redis, so a switch among rest, hybrid and disabled applies
 * to the next call without a restart. When Redis is down the last known config stays.
 */
export class ConnectionRegistry {
  private redisLayer: Layer = { services: {}, hash: undefined };
  private fileLayer: Layer = { services: {}, hash: undefined };
  private effective = new Map<ServiceName, EffectiveConnection>();
  private client: Redis | undefined;
  private health: RedisHealth | undefined;
  private subscriber: RedisSubscriber | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly changes;
  private readonly upGauge;

  constructor(private readonly opts: RegistryOptions) {
    this.changes = counter(opts.metrics, 'connect_config_changes_total', 'Changes of the effective connection config');
    this.upGauge = gauge(opts.metrics, 'connect_config_redis_up', '1 while the connection config is read live from Redis');
    this.recompute(false);
  }

  async start(): Promise<void> {
    await this.readFile();
    const redis = this.opts.redis;
    if (redis) {
      this.client = createRedisClient(redis.url, { logger: this.opts.logger, name: 'connect-registry', reconnectMaxDelayMs: redis.reconnectMaxDelayMs });
      this.health = new RedisHealth({
        client: this.client,
        logger: this.opts.logger,
        target: redisTarget(redis.url),
        user: 'connection config',
        fallback: 'the last known config',
        downMessage: 'connection config: redis unavailable, keeping the last known config',
        upMessage: 'connection config: reading redis again',
        metrics: { redisUp: this.upGauge },
        // A change published while we were away is lost, and the subscriber's resync may
        // have come before this connection was back: read the hash again.
        onRecovered: () => void this.refresh(),
      });
      this.subscriber = createRedisSubscriber(redis.url, {
        logger: this.opts.logger,
        name: 'connect-registry-sub',
        reconnectMaxDelayMs: redis.reconnectMaxDelayMs,
        channels: [connectionsChannel(redis.platform)],
        // Each published hash is read at once. budget: connect-switch (docs/budgets.md)
        onMessage: () => void this.refresh(),
        // Messages sent while we were away are lost: read the hash again on every subscribe.
        onSubscribed: () => void this.refresh(),
      });
      // Commands fail fast while disconnected, so give the first read a moment to connect;
      // with Redis down at start we go on with the file and env, and catch up on subscribe.
      await whenReady(this.client, 2000);
      await this.refresh();
    }
    this.timer = setInterval(() => void this.refreshAll(), this.opts.refreshIntervalMs ?? 300_000);
    this.timer.unref();
  }

  /** The effective connection of `service`: a map read, cheap enough for every call (budget: connect-lookup, docs/budgets.md). */
  get(service: ServiceName): EffectiveConnection {
    const found = this.effective.get(service);
    if (found) return found;
    return { ...this.opts.defaults[service], source: 'env' };
  }

  /** What `/connections` shows. */
  snapshot(): { hash: string | undefined; redis: 'up' | 'down' | 'not configured'; services: Record<ServiceName, EffectiveConnection> } {
    return {
      hash: this.redisLayer.hash ?? this.fileLayer.hash,
      redis: this.opts.redis ? (this.health?.current() === 'up' ? 'up' : 'down') : 'not configured',
      services: Object.fromEntries(SERVICES.map((s) => [s, this.get(s)])) as Record<ServiceName, EffectiveConnection>,
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the Redis hash; on failure keeps what it had. */
  async refresh(): Promise<void> {
    const redis = this.opts.redis;
    if (!redis || !this.health) return;
    const fields = await this.health.run(
      (c) => c.hgetall(connectionsHashKey(redis.platform)),
      () => undefined,
    );
    if (!fields) return;
    this.redisLayer = this.parseHash(fields);
    this.recompute(true);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.health?.stop();
    await this.subscriber?.close();
    this.client?.disconnect();
  }

  private async refreshAll(): Promise<void> {
    await this.readFile();
    await this.refresh();
    this.recompute(true);
  }

  private parseHash(fields: Record<string, string>): Layer {
    const services: Partial<Record<ServiceName, Connection>> = {};
    for (const service of SERVICES) {
      const raw = fields[service];
      if (raw === undefined) continue;
      const parsed = safeJson(raw, connectionSchema);
      if (parsed) services[service] = parsed;
      else this.opts.logger.warn('ignoring an invalid connection entry in redis', { service });
    }
    const rawMeta = fields[CONNECTIONS_META_FIELD];
    const meta = rawMeta === undefined ? undefined : safeJson(rawMeta, metaSchema);
    return { services, hash: meta?.hash };
  }

  private async readFile(): Promise<void> {
    const file = this.opts.file;
    if (!file) return;
    try {
      const doc = connectionsDocSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      this.fileLayer = { services: doc.services, hash: doc.hash };
    } catch (err) {
      // A missing file is normal outside Kubernetes; a broken one keeps the last good read.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.opts.logger.warn('cannot read the connections file; keeping the last good one', { file, error: (err as Error).message });
      }
    }
    this.recompute(true);
  }

  private recompute(count: boolean): void {
    const next = new Map<ServiceName, EffectiveConnection>();
    for (const service of SERVICES) {
      const fromRedis = this.redisLayer.services[service];
      const fromFile = this.fileLayer.services[service];
      next.set(
        service,
        fromRedis ? { ...fromRedis, source: 'redis' } : fromFile ? { ...fromFile, source: 'file' } : { ...this.opts.defaults[service], source: 'env' },
      );
    }
    const changed = SERVICES.some((s) => !sameConnection(this.effective.get(s), next.get(s)));
    this.effective = next;
    if (changed && count) {
      this.changes.inc();
      this.opts.logger.info('connection config changed', { services: Object.fromEntries(next) });
      for (const listener of this.listeners) listener();
    }
  }
}

function sameConnection(a: EffectiveConnection | undefined, b: EffectiveConnection | undefined): boolean {
  return a?.method === b?.method && (a?.url ?? null) === (b?.url ?? null) && a?.source === b?.source;
}

function safeJson<T>(raw: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
