// Shared by the outbound and transport tests: Redis clients, captured logs, metric reads.
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { createRedisClient } from '../../cache/redis-client.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import type { MetricsRegistry } from '../../shared/metrics.js';
import type { Bucket, RateLimiter } from './rate-limiter.js';

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

export function capturedLogger(): { logger: Logger; lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      for (const text of chunk.toString().split('\n')) {
        if (!text.trim()) continue;
        raw.push(text);
        lines.push(JSON.parse(text) as LogLine);
      }
      done();
    },
  });
  return { logger: createLogger({ service: 'bot-test', format: 'json', level: 'debug', stream }), lines, text: () => raw.join('\n') };
}

/** A client made the project's way, resolved once it is ready. */
export async function connectedRedis(url: string, logger: Logger): Promise<Redis> {
  const client = createRedisClient(url, { logger, name: 'bot-test', reconnectMaxDelayMs: 100 });
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
  return client;
}

export async function metricValue(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)).reduce((sum, v) => sum + v.value, 0);
}

export async function eventually(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A limiter that records every decision of the one it wraps. */
export class RecordingLimiter implements RateLimiter {
  readonly decisions: { keys: string[]; waitMs: number }[] = [];

  constructor(private readonly inner: RateLimiter) {}

  async acquire(buckets: readonly Bucket[]): Promise<number> {
    const waitMs = await this.inner.acquire(buckets);
    this.decisions.push({ keys: buckets.map((b) => b.key), waitMs });
    return waitMs;
  }
}

/** Fast buckets so tests exercise order and retries, not Telegram's real pacing. */
export const FAST_LIMITS = {
  perChat: { intervalMs: 5, burst: 1 },
  perGroup: { intervalMs: 5, burst: 1 },
  global: { intervalMs: 1, burst: 1000 },
};

/** The error `promise` rejected with; fails the test if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection');
}
