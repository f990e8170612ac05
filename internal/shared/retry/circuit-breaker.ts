/**
 * A minimal circuit breaker: after `threshold` consecutive failures the side is skipped
 * for `coolDownMs`; then one trial call decides (half-open). Enough for hybrid routing,
 * where skipping means "go straight to the other side", never "fail".
 *
 * Not cockatiel's CircuitBreakerPolicy: that one wraps the call (`execute`) and answers an
 * open circuit with an error, on the wall clock. Routing here asks before it picks a side,
 * reports outcomes itself (a domain answer proves a side alive), lets an unreported trial
 * expire after a cool-down, and is tested on a clock it is given.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  /** When the half-open trial was handed out; a trial that never reports expires after a cool-down. */
  private trialAt: number | undefined;

  constructor(
    private readonly threshold = 3,
    private readonly coolDownMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a call may be tried: closed, or open long enough for a trial. Does not claim the trial. */
  allows(): boolean {
    if (this.openedAt === undefined) return true;
    return this.now() - this.openedAt >= this.coolDownMs;
  }

  /**
   * Like `allows`, but in half-open hands out the single trial: concurrent callers that
   * arrive while the trial runs are told no, so a dead side gets one call, not a burst.
   * The caller must report the outcome with `success` or `failure`.
   */
  tryAcquire(): boolean {
    if (this.openedAt === undefined) return true;
    const now = this.now();
    if (now - this.openedAt < this.coolDownMs) return false;
    if (this.trialAt !== undefined && now - this.trialAt < this.coolDownMs) return false;
    this.trialAt = now;
    return true;
  }

  state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.allows() ? 'half-open' : 'open';
  }

  /** Tripped and not yet closed again by a success (open or half-open). */
  tripped(): boolean {
    return this.openedAt !== undefined;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialAt = undefined;
  }

  failure(): void {
    this.failures += 1;
    this.trialAt = undefined;
    if (this.failures >= this.threshold || this.openedAt !== undefined) this.openedAt = this.now();
  }
}
