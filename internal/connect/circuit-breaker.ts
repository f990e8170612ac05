/**
 * A minimal circuit breaker: after `threshold` consecutive failures the side is skipped
 * for `coolDownMs`; then one trial call decides (half-open). Enough for hybrid routing,
 * where skipping means "go straight to the other side", never "fail".
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;

  constructor(
    private readonly threshold = 3,
    private readonly coolDownMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a call may be tried: closed, or open long enough for a trial. */
  allows(): boolean {
    if (this.openedAt === undefined) return true;
    return this.now() - this.openedAt >= this.coolDownMs;
  }

  state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.allows() ? 'half-open' : 'open';
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
  }

  failure(): void {
    this.failures += 1;
    if (this.failures >= this.threshold || this.openedAt !== undefined) this.openedAt = this.now();
  }
}
