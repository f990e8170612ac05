// Shared by the outbound and transport tests: Redis clients, captured logs, metric reads.
import type { Redis } from 'ioredis';
import { capturedLogger as capturedLines } from '../../../test/harness/logs.js';
import type { Logger } from '../../shared/logger.js';
import type { MetricsRegistry } from '../../shared/metrics.js';
import { createRedisClient, whenReady } from '../../shared/redis/index.js';
import type { Bucket, SendPacer } from './send-pacing.js';

export { eventually, type LogLine } from '../../../test/harness/logs.js';

/** A JSON logger, debug and up, whose lines the test can read. */
export const capturedLogger = () => capturedLines({ service: 'bot-test' });

/** A client made the project's way, resolved once it is ready. */
export async function connectedRedis(url: string, logger: Logger): Promise<Redis> {
  const client = createRedisClient(url, { logger, name: 'bot-test', reconnectMaxDelayMs: 100 });
  if (!(await whenReady(client, 10_000))) throw new Error(`redis at ${url} was not ready within 10 s`);
  return client;
}

export async function metricValue(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)).reduce((sum, v) => sum + v.value, 0);
}

/** A pacer that records every decision of the one it wraps. */
export class RecordingPacer implements SendPacer {
  readonly decisions: { keys: string[]; waitMs: number }[] = [];

  constructor(private readonly inner: SendPacer) {}

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
