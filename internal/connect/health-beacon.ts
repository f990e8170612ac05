import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.js';
import { createRedisClient, whenReady } from '../shared/redis/index.js';
import type { ServiceName } from './connections.schema.js';
import { HEALTH_TTL_S, healthKey, type PlatformRef } from './connection-keys.js';

/**
 * Writes this service's health key (TTL 60 s) every 20 s while its readiness holds, so
 * peers can tell a live REST side from a dead one; removed on graceful shutdown so peers
 * stop trying it at once instead of after the TTL.
 */
export class HealthBeacon {
  private readonly client: Redis;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly opts: { url: string; platform: PlatformRef; service: ServiceName; ready: () => Promise<boolean>; logger: Logger; intervalMs?: number },
  ) {
    this.client = createRedisClient(opts.url, { logger: opts.logger, name: `health-${opts.service}` });
  }

  start(): void {
    const beat = async () => {
      const key = healthKey(this.opts.platform, this.opts.service);
      try {
        if (await this.opts.ready()) await this.client.set(key, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), 'EX', HEALTH_TTL_S);
        else await this.client.del(key);
      } catch {
        // Redis down: peers cannot read the key either; the TTL settles it when it returns.
      }
    };
    // Commands fail fast while connecting, so the first beat waits for the connection;
    // a reconnect after an outage beats at once too.
    this.client.on('ready', () => void beat());
    this.timer = setInterval(() => void beat(), this.opts.intervalMs ?? 20_000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.del(healthKey(this.opts.platform, this.opts.service)).catch(() => undefined);
    this.client.disconnect();
  }
}

/** Reads peers' health keys every few seconds; a missing key means unhealthy. */
export class PeerHealth {
  private readonly healthy = new Map<ServiceName, boolean>();
  private readonly client: Redis;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: { url: string; platform: PlatformRef; peers: readonly ServiceName[]; logger: Logger; intervalMs?: number }) {
    this.client = createRedisClient(opts.url, { logger: opts.logger, name: 'peer-health' });
  }

  async start(): Promise<void> {
    await whenReady(this.client, 2000);
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.opts.intervalMs ?? 3000);
    this.timer.unref();
  }

  /** Unknown (never read, Redis down) counts as healthy: we do not block on what we cannot see. */
  isHealthy(service: ServiceName): boolean {
    return this.healthy.get(service) ?? true;
  }

  async poll(): Promise<void> {
    try {
      const found = await Promise.all(this.opts.peers.map((p) => this.client.exists(healthKey(this.opts.platform, p))));
      this.opts.peers.forEach((p, i) => this.healthy.set(p, found[i] === 1));
    } catch {
      this.healthy.clear();
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.client.disconnect();
  }
}
