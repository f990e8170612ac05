import { counter, gauge, histogram, type MetricsRegistry } from '../../shared/metrics.js';
import { RetryBackoff } from './retry-backoff.js';

/**
 * A work queue of object keys (`namespace/name`) with client-go's guarantees: a key
 * waiting is queued once however often it is added; a key being processed is never
 * handed to a second worker, and if it was added meanwhile it is queued again when the
 * first worker is done. Metric names follow controller-runtime's.
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly addedAt = new Map<string, number>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private shuttingDown = false;
  private readonly backoff: RetryBackoff;
  private readonly m;

  constructor(
    readonly name: string,
    metrics: MetricsRegistry,
    backoff?: RetryBackoff,
  ) {
    this.backoff = backoff ?? new RetryBackoff();
    const labels = ['name', 'controller'] as const;
    this.m = {
      depth: gauge(metrics, 'workqueue_depth', 'Current depth of workqueue', labels),
      adds: counter(metrics, 'workqueue_adds_total', 'Total number of adds handled by workqueue', labels),
      retries: counter(metrics, 'workqueue_retries_total', 'Total number of retries handled by workqueue', labels),
      latency: histogram(
        metrics,
        'workqueue_queue_duration_seconds',
        'How long in seconds an item stays in workqueue before being requested',
        labels,
        [0.001, 0.01, 0.1, 0.5, 1, 5, 10, 60],
      ),
      work: histogram(
        metrics,
        'workqueue_work_duration_seconds',
        'How long in seconds processing an item from workqueue takes',
        labels,
        [0.001, 0.01, 0.1, 0.5, 1, 5, 10, 60],
      ),
    };
    this.m.depth.set(this.labels, 0);
  }

  private get labels() {
    return { name: this.name, controller: this.name };
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.m.adds.inc(this.labels);
    this.dirty.add(key);
    this.addedAt.set(key, performance.now());
    if (this.processing.has(key)) return; // re-queued by done()
    this.push(key);
  }

  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(key);
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Re-adds `key` after its backoff; counts a retry. */
  addRateLimited(key: string): void {
    this.m.retries.inc(this.labels);
    this.addAfter(key, this.backoff.when(key));
  }

  /** Ends the backoff of `key` after a success. */
  forget(key: string): void {
    this.backoff.forget(key);
  }

  retries(key: string): number {
    return this.backoff.retries(key);
  }

  /** Resolves with the next key, or undefined once shut down. */
  get(): Promise<string | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) return Promise.resolve(this.take(key));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string, workSeconds?: number): void {
    this.processing.delete(key);
    if (workSeconds !== undefined) this.m.work.observe(this.labels, workSeconds);
    if (this.dirty.has(key)) this.push(key);
  }

  len(): number {
    return this.queue.length;
  }

  shutdown(): void {
    this.shuttingDown = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  private push(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) return waiter(this.take(key));
    this.queue.push(key);
    this.m.depth.set(this.labels, this.queue.length);
  }

  private take(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    const t = this.addedAt.get(key);
    if (t !== undefined) this.m.latency.observe(this.labels, (performance.now() - t) / 1000);
    this.addedAt.delete(key);
    this.m.depth.set(this.labels, this.queue.length);
    return key;
  }
}
