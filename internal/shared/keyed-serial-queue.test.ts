import { expect } from 'chai';
import { KeyedSerialQueue } from './keyed-serial-queue.js';

/** A promise the test settles by hand, so order is decided by the test and not by timers. */
function gate(): { promise: Promise<void>; open: () => void; fail: (err: Error) => void } {
  let open = (): void => undefined;
  let fail = (_err: Error): void => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

describe('shared/keyed-serial-queue', function () {
  it('when operations share a key, then each starts only after the previous one settled, in queue order', async function () {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queue.run('chat-1', async () => {
        log.push(`start ${i}`);
        await g.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );
    await settle();
    expect(log).to.deep.equal(['start 0']);
    gates[2]?.open();
    gates[1]?.open();
    await settle();
    expect(log).to.deep.equal(['start 0']);
    gates[0]?.open();
    expect(await Promise.all(runs)).to.deep.equal([0, 1, 2]);
    expect(log).to.deep.equal(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('when operations have different keys, then they run at the same time', async function () {
    const queue = new KeyedSerialQueue<number>();
    const started: number[] = [];
    const held = gate();
    const runs = [1, 2, 3].map((key) =>
      queue.run(key, async () => {
        started.push(key);
        await held.promise;
      }),
    );
    await settle();
    expect(started).to.deep.equal([1, 2, 3]);
    expect(queue.size).to.equal(3);
    held.open();
    await Promise.all(runs);
  });

  it('when an operation fails, then its caller gets the error and the next one on the key still runs', async function () {
    const queue = new KeyedSerialQueue();
    const first = gate();
    const failed = queue.run('k', () => first.promise);
    const after = queue.run('k', () => 'ran');
    first.fail(new Error('boom'));
    let error: unknown;
    await failed.catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('boom');
    expect(await after).to.equal('ran');
  });

  it('when a key has no work left, then it is forgotten', async function () {
    const queue = new KeyedSerialQueue();
    await Promise.all([queue.run('a', () => 1), queue.run('a', () => 2), queue.run('b', () => 3)]);
    await settle();
    expect(queue.size).to.equal(0);
  });
});
