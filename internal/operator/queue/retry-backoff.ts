import { exponentialBackoff } from '../../shared/retry/index.js';

/**
 * When a failed key may be retried: client-go's default controller rate limiter, the larger
 * of a per-key exponential backoff (5 ms doubling to 1000 s) and an overall token bucket
 * (10 per second, burst 100), so one broken object backs off alone while a storm of
 * failures cannot hammer the API server.
 */
export class RetryBackoff {
  private readonly failures = new Map<string, number>();
  private readonly backoff: (attempt: number) => number;
  private tokens: number;
  private last: number;

  constructor(
    private readonly opts = { baseMs: 5, maxMs: 1_000_000, qps: 10, burst: 100 },
    private readonly now: () => number = Date.now,
  ) {
    this.backoff = exponentialBackoff({ baseMs: opts.baseMs, maxMs: opts.maxMs });
    this.tokens = opts.burst;
    this.last = now();
  }

  /** Delay before `key` may be retried; counts one more failure for it. */
  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.max(this.backoff(n), this.bucketDelay());
  }

  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  private bucketDelay(): number {
    const t = this.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((t - this.last) / 1000) * this.opts.qps);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.opts.qps) * 1000;
  }
}
