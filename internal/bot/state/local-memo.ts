/**
 * A bounded in-process map with expiry: MemoryKv's store, and the memo in front of the
 * shared KV for facts that only ever go from unknown to known (a group is registered, a
 * member's profile was written), where a stale entry costs at most a repeated idempotent
 * write and a busy group's messages skip a Redis round trip each.
 */
export class LocalMemo {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: string, ttlS: number): void {
    // Oldest first out: Map keeps insertion order.
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(key, { value, expiresAt: this.now() + ttlS * 1000 });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
