export interface ExponentialBackoffOptions {
  /** The delay of attempt 0. */
  baseMs: number;
  /** Upper bound of the delay, before jitter; none when absent. */
  maxMs?: number;
  /** Growth per attempt (default 2: doubling). */
  factor?: number;
  /**
   * Spread as a fraction of the delay (default 0): 0.5 draws uniformly from 50 % to 150 %, so
   * callers that failed together do not retry together.
   */
  jitter?: number;
  /** The jitter's random source (tests). */
  random?: () => number;
}

/**
 * The project's one backoff policy: `baseMs * factor ** attempt`, capped at `maxMs`, then
 * jittered. `attempt` counts from 0 (the first retry waits `baseMs`); callers whose count
 * starts elsewhere shift it. The exponent is clamped, so a large attempt number stays at
 * the cap instead of overflowing to Infinity or NaN.
 */
export function exponentialBackoff(opts: ExponentialBackoffOptions): (attempt: number) => number {
  const { baseMs, maxMs = Number.POSITIVE_INFINITY, factor = 2, jitter = 0, random = Math.random } = opts;
  return (attempt) => {
    const delay = Math.min(baseMs * factor ** Math.min(Math.max(attempt, 0), 64), maxMs);
    return jitter > 0 ? delay * (1 - jitter + 2 * jitter * random()) : delay;
  };
}
