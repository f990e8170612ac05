/**
 * A token bucket: `perSecond` tokens flow in continuously up to `burst`; each call takes
 * one. A bucket nobody has touched is full, so a caller's first `burst` calls always pass.
 */
export interface BucketLimit {
  perSecond: number;
  burst: number;
}

export interface BucketState {
  tokens: number;
  /** When `tokens` was last computed, in ms of the clock that computed it. */
  atMs: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this call (0 when refused). */
  remaining: number;
  /** When refused: ms until one token is back; 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Refills `state` up to `nowMs` and takes one token if there is one. Pure: the caller
 * stores the returned state. A clock that steps back (another replica's, NTP) refills
 * nothing rather than draining the bucket. The Redis store's Lua script does the same
 * arithmetic on Redis's clock (bucket-store.redis.ts): change both together.
 */
export function takeToken(state: BucketState | undefined, limit: BucketLimit, nowMs: number): { result: TakeResult; state: BucketState } {
  const elapsedMs = state ? Math.max(0, nowMs - state.atMs) : 0;
  const tokens = state ? Math.min(limit.burst, state.tokens + (elapsedMs * limit.perSecond) / 1000) : limit.burst;
  if (tokens >= 1) {
    return { result: { allowed: true, remaining: Math.floor(tokens - 1), retryAfterMs: 0 }, state: { tokens: tokens - 1, atMs: nowMs } };
  }
  const retryAfterMs = Math.ceil(((1 - tokens) * 1000) / limit.perSecond);
  return { result: { allowed: false, remaining: 0, retryAfterMs }, state: { tokens, atMs: nowMs } };
}

/** The Retry-After header: whole seconds, never 0 (a client reads 0 as "now" and spins). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
