import { LRUCache } from 'lru-cache';

/**
 * A bounded in-process map with expiry: MemoryKv's store, and the memo in front of the
 * shared KV for facts that only ever go from unknown to known (a group is registered, a
 * member's profile was written), where a stale entry costs at most a repeated idempotent
 * write and a busy group's messages skip a Redis round trip each. Past `max` entries the
 * least recently used goes.
 * budget: bot-throughput (docs/budgets.md)
 */
export class LocalMemo {
  private readonly entries: LRUCache<string, string>;

  constructor(max = 50_000, now: () => number = Date.now) {
    // ttlResolution 0: the clock is read on every check; lru-cache's default reuses a reading
    // for 1 ms, which a clock given by a test would outrun.
    this.entries = new LRUCache<string, string>({ max, perf: { now }, ttlResolution: 0 });
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string, ttlS: number): void {
    // lru-cache reads a ttl of 0 as "never expires"; here it means "already expired".
    const ttlMs = Math.ceil(ttlS * 1000);
    if (ttlMs <= 0) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, value, { ttl: ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
