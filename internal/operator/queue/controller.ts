import type { Logger } from '../../shared/logger.js';
import { counter, histogram, type MetricsRegistry } from '../../shared/metrics.js';
import type { WorkQueue } from './work-queue.js';

export interface ReconcileResult {
  /** Reconcile again after this long even without a change (e.g. waiting on a Secret). */
  requeueAfterMs?: number;
}

export type Reconciler = (key: string) => Promise<ReconcileResult | void>;

/**
 * Workers that drain the queue into the reconciler. A failure re-queues the key with
 * its backoff; a success forgets the backoff. The reconciler sees only keys, never
 * events, so it can only converge on the current state (level-triggered).
 */
export class Controller {
  private running: Promise<void>[] = [];
  private readonly m;

  constructor(
    private readonly name: string,
    private readonly queue: WorkQueue,
    private readonly reconcile: Reconciler,
    private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.m = {
      total: counter(metrics, 'controller_runtime_reconcile_total', 'Total number of reconciliations per controller', ['controller', 'result']),
      errors: counter(metrics, 'controller_runtime_reconcile_errors_total', 'Total number of reconciliation errors per controller', ['controller']),
      time: histogram(
        metrics,
        'controller_runtime_reconcile_time_seconds',
        'Length of time per reconciliation per controller',
        ['controller'],
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      ),
    };
  }

  start(workers = 2): void {
    for (let i = 0; i < workers; i++) this.running.push(this.worker());
  }

  /** Stops taking keys and waits for in-flight reconciles to finish. */
  async stop(): Promise<void> {
    this.queue.shutdown();
    await Promise.all(this.running);
    this.running = [];
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const start = performance.now();
      try {
        const result = await this.reconcile(key);
        this.queue.forget(key);
        if (result?.requeueAfterMs) {
          this.m.total.inc({ controller: this.name, result: 'requeue_after' });
          this.queue.addAfter(key, result.requeueAfterMs);
        } else {
          this.m.total.inc({ controller: this.name, result: 'success' });
        }
      } catch (err) {
        this.m.total.inc({ controller: this.name, result: 'error' });
        this.m.errors.inc({ controller: this.name });
        this.logger.error('reconcile failed', { controller: this.name, object: key, retries: this.queue.retries(key), err });
        this.queue.addRateLimited(key);
      } finally {
        const seconds = (performance.now() - start) / 1000;
        this.m.time.observe({ controller: this.name }, seconds);
        this.queue.done(key, seconds);
      }
    }
  }
}
