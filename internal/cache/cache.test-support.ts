// Shared by the cache tests: caches on the harness Redis, captured logs, metric reads.
import { connect, createServer, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { capturedLogger as capturedLines, type LogLine } from '../../test/harness/logs.js';
import type { Logger } from '../shared/logger.js';
import { createRegistry, type MetricsRegistry } from '../shared/metrics.js';
import { createCache, type Cache, type CacheOptions } from './cache.js';

export { eventually, type LogLine } from '../../test/harness/logs.js';

/** A JSON logger whose lines the test can read (info and up, as the cache tests count them). */
export function capturedLogger(): { logger: Logger; lines: LogLine[] } {
  const { logger, lines } = capturedLines({ service: 'cache-test', level: 'info' });
  return { logger, lines };
}

export interface TestCache {
  cache: Cache;
  registry: MetricsRegistry;
  lines: LogLine[];
}

/** A cache with its own registry and log capture, and a short reconnect backoff. */
export async function startCache(opts: Partial<CacheOptions> & { prefix: string }): Promise<TestCache> {
  const { logger, lines } = capturedLogger();
  const registry = createRegistry();
  const cache = createCache({ logger, registry, redis: { reconnectMaxDelayMs: 100 }, ...opts });
  await cache.ready();
  return { cache, registry, lines };
}

export async function metricValue(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const match = values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return match?.value ?? 0;
}

/** A raw client to look at what the cache stored in Redis. */
export function rawRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => undefined); // during outage tests; assertions report failures
  return client;
}

/** A promise with its resolve exposed, to hold a loader mid-flight. */
export function gate<T = void>(): { promise: Promise<T>; open(value: T): void } {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/**
 * A TCP proxy in front of redis that can cut one cache off while redis itself (and its
 * data) stays up: the partition that restarting redis cannot show.
 */
export interface CutProxy {
  url: string;
  /** Drops every connection and refuses new ones. */
  cut(): void;
  /** Keeps connections open but forwards nothing until restore: a hung server. */
  freeze(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  let open = true;
  let frozen = false;
  const held: (() => void)[] = [];
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    // While frozen, bytes wait here: a hung server answers late, never out of order.
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (frozen) held.push(() => to.write(chunk));
      else to.write(chunk);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    freeze() {
      frozen = true;
    },
    restore() {
      open = true;
      frozen = false;
      for (const write of held.splice(0)) write();
    },
    close() {
      open = false;
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
