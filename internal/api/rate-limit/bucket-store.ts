import type { BucketLimit, TakeResult } from './token-bucket.js';

/**
 * Where buckets live. The in-process store answers synchronously, so the api's hot path
 * pays no promise for it; the Redis store answers once Redis has.
 * budget: api-cached-read (docs/budgets.md)
 */
export interface BucketStore {
  take(key: string, limit: BucketLimit): TakeResult | Promise<TakeResult>;
  status(): BucketStoreStatus;
  close(): Promise<void>;
}

export interface BucketStoreStatus {
  mode: 'memory' | 'redis';
  /** 'disabled' in memory mode; 'down' means the store is answering from its in-process buckets. */
  redis: 'connecting' | 'up' | 'down' | 'disabled';
}
