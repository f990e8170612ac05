import { expect } from 'chai';
import { silentLogger } from '../../shared/logger.js';
import { createRegistry } from '../../shared/metrics.js';
import { Controller } from './controller.js';
import { RetryBackoff } from './retry-backoff.js';
import { WorkQueue } from './work-queue.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('operator/work queue and controller', () => {
  it('when a key is added many times while waiting, then it is handed out once', async () => {
    const q = new WorkQueue('t', createRegistry());
    for (let i = 0; i < 5; i++) q.add('ns/a');
    q.add('ns/b');
    expect(q.len()).to.equal(2);
    expect(await q.get()).to.equal('ns/a');
    expect(await q.get()).to.equal('ns/b');
    q.shutdown();
    expect(await q.get()).to.equal(undefined);
  });

  it('when a key is added while it is processed, then no second worker gets it until done, and then it comes back once', async () => {
    const q = new WorkQueue('t', createRegistry());
    q.add('ns/a');
    const key = await q.get();
    q.add('ns/a');
    q.add('ns/a');
    expect(q.len(), 'not handed out while in flight').to.equal(0);
    q.done(key ?? '');
    expect(q.len()).to.equal(1);
    expect(await q.get()).to.equal('ns/a');
  });

  it('when a key keeps failing, then its backoff doubles per key and forget resets it', () => {
    let now = 0;
    const rl = new RetryBackoff({ baseMs: 5, maxMs: 1000, qps: 1e9, burst: 1e9 }, () => now);
    expect([rl.when('a'), rl.when('a'), rl.when('a'), rl.when('b')]).to.deep.equal([5, 10, 20, 5]);
    rl.forget('a');
    expect(rl.when('a')).to.equal(5);
    for (let i = 0; i < 20; i++) rl.when('c');
    expect(rl.when('c')).to.equal(1000);
    now += 1;
  });

  it('when failures exceed the overall bucket, then keys are delayed even on their first failure', () => {
    const rl = new RetryBackoff({ baseMs: 1, maxMs: 1000, qps: 10, burst: 2 }, () => 0);
    rl.when('a');
    rl.when('b');
    expect(rl.when('c')).to.equal(100);
  });

  it('when the reconciler fails twice then succeeds, then the controller retries with backoff and counts results', async () => {
    const metrics = createRegistry();
    const q = new WorkQueue('bp', metrics, new RetryBackoff({ baseMs: 1, maxMs: 10, qps: 1e6, burst: 1e6 }));
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    // Waits for the success itself rather than for a number of ticks a slow machine may not fit in.
    let succeeded = (): void => undefined;
    const success = new Promise<void>((resolve) => (succeeded = resolve));
    const c = new Controller(
      'bp',
      q,
      async () => {
        calls += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await tick(2);
        inFlight -= 1;
        if (calls <= 2) throw new Error('api server said no');
        succeeded();
      },
      silentLogger(),
      metrics,
    );
    c.start(4);
    q.add('ns/a');
    await success;
    await c.stop();
    expect(calls).to.equal(3);
    expect(maxInFlight, 'one reconcile per key at a time').to.equal(1);
    const text = await metrics.metrics();
    expect(text).to.include('controller_runtime_reconcile_total{controller="bp",result="error"} 2');
    expect(text).to.include('controller_runtime_reconcile_total{controller="bp",result="success"} 1');
    expect(text).to.include('controller_runtime_reconcile_errors_total{controller="bp"} 2');
    expect(text).to.include('workqueue_retries_total{name="bp",controller="bp"} 2');
  });
});
