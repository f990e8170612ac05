/**
 * Runs operations on the same key one after another within this process.
 *
 * Why: FerretDB v1 (SQLite) applies `$inc` and conditional updates as read-modify-write
 * without isolation, so concurrent counters on one document lose increments (measured:
 * 20 parallel `$inc` -> 8). Serialising per key makes a single replica exact on FerretDB;
 * on MongoDB the operations are atomic anyway and the queue only orders them.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, op: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(op, op);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
