import { LRUCache } from 'lru-cache';

// lru-cache refuses null/undefined values, and a cached JSON null is a real answer.
interface Slot {
  value: unknown;
}

/**
 * The JSON text each cached object was parsed from. A reply that sends a cached value
 * unchanged can reuse it instead of serialising the same object again on every hit.
 * budget: api-cached-read (docs/budgets.md)
 */
const texts = new WeakMap<object, string>();

/** The exact JSON text `value` was parsed from, when it is a value of this cache. */
export function cachedJson(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' ? texts.get(value) : undefined;
}

/**
 * The in-process layer: bounded by entry count, one TTL per entry. Values are stored
 * as they would come back from Redis (a JSON round trip) and deep-frozen, so a hit from
 * either layer has the same shape, and a caller that mutates a cached object fails loudly
 * instead of silently corrupting what every later request sees.
 */
export class LocalLayer {
  private readonly lru: LRUCache<string, Slot>;

  /** `now`: a clock for the TTLs (tests), read on every check rather than once a millisecond. */
  constructor(maxEntries: number, now?: () => number) {
    this.lru = new LRUCache<string, Slot>({ max: maxEntries, ttlAutopurge: false, ...(now ? { perf: { now }, ttlResolution: 0 } : {}) });
  }

  get(key: string): Slot | undefined {
    return this.lru.get(key);
  }

  /** Stores `parsed`, the parse of `json`, for `ttlMs` (at least 1 ms; Infinity: until evicted). */
  set(key: string, parsed: unknown, ttlMs: number, json: string): void {
    // lru-cache reads ttl 0 as "no expiry".
    const ttl = Number.isFinite(ttlMs) ? Math.max(1, Math.floor(ttlMs)) : 0;
    this.lru.set(key, { value: deepFreeze(parsed) }, { ttl });
    if (parsed !== null && typeof parsed === 'object') texts.set(parsed, json);
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}

function deepFreeze(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
