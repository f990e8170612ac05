/**
 * A GCRA bucket: one call per `intervalMs` on average, up to `burst` calls at once.
 * GCRA keeps a single timestamp per key (the "theoretical arrival time"), which makes it
 * cheap to store in Redis and to check several buckets atomically.
 */
export interface Bucket {
  key: string;
  intervalMs: number;
  burst: number;
}

export interface SendPacer {
  /**
   * Takes one token from every bucket, all or nothing. Resolves 0 when granted, otherwise
   * the milliseconds to wait before asking again (and nothing was taken).
   */
  acquire(buckets: readonly Bucket[]): Promise<number>;
}

/** The GCRA decision for one bucket, shared by the in-memory pacer and the tests. */
export function gcra(tat: number | undefined, now: number, bucket: Bucket): { waitMs: number; newTat: number } {
  const base = tat === undefined || tat < now ? now : tat;
  const newTat = base + bucket.intervalMs;
  const allowAt = newTat - bucket.burst * bucket.intervalMs;
  return { waitMs: Math.max(0, allowAt - now), newTat };
}

/** Per-process buckets: the pacing when there is no Redis, or while Redis is down. */
export class MemorySendPacer implements SendPacer {
  private readonly tats = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(buckets: readonly Bucket[]): Promise<number> {
    const now = this.now();
    let waitMs = 0;
    const updates: [string, number][] = [];
    for (const bucket of buckets) {
      const decision = gcra(this.tats.get(bucket.key), now, bucket);
      waitMs = Math.max(waitMs, decision.waitMs);
      updates.push([bucket.key, decision.newTat]);
    }
    if (waitMs > 0) return Promise.resolve(waitMs);
    for (const [key, tat] of updates) this.tats.set(key, tat);
    this.prune(now);
    return Promise.resolve(0);
  }

  // A bucket whose TAT is in the past is full again: forgetting it changes nothing, and
  // keeps a bot that sees many chats from growing this map forever.
  private prune(now: number): void {
    if (this.tats.size < 10_000) return;
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
  }
}
