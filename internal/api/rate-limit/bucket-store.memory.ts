import { LRUCache } from 'lru-cache';
import type { BucketStore, BucketStoreStatus } from './bucket-store.js';
import { takeToken, type BucketLimit, type BucketState, type TakeResult } from './token-bucket.js';

const DEFAULT_MAX_BUCKETS = 10_000;

/**
 * Buckets in this process: the store without Redis, and the Redis store's fallback while
 * Redis is down. Bounded by count: evicting the least recently used bucket forgets a caller
 * who has been quiet the longest, whose bucket has most likely refilled anyway, so the
 * bound can only ever err on the lenient side. Callers are service keys and people holding
 * a valid JWT, so the set of keys is small and not an attacker's to grow.
 */
export class MemoryBucketStore implements BucketStore {
  private readonly buckets: LRUCache<string, BucketState>;

  constructor(
    private readonly now: () => number = Date.now,
    maxBuckets = DEFAULT_MAX_BUCKETS,
  ) {
    this.buckets = new LRUCache<string, BucketState>({ max: maxBuckets });
  }

  take(key: string, limit: BucketLimit): TakeResult {
    const { result, state } = takeToken(this.buckets.get(key), limit, this.now());
    this.buckets.set(key, state);
    return result;
  }

  /** Forgets every bucket: each caller starts over with a full one. */
  clear(): void {
    this.buckets.clear();
  }

  status(): BucketStoreStatus {
    return { mode: 'memory', redis: 'disabled' };
  }

  close(): Promise<void> {
    this.clear();
    return Promise.resolve();
  }
}
