/**
 * Runs operations that share a key one after another, in the order they were queued, within
 * this process; operations on different keys run concurrently. A failed operation does not
 * stop the ones queued behind it: each caller gets its own result or error. A key's entry is
 * dropped once its last operation settles, so the map holds only keys with work in flight.
 */
export class KeyedSerialQueue<K = string> {
  private readonly tails = new Map<K, Promise<unknown>>();

  run<T>(key: K, op: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(op);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Keys with an operation queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
