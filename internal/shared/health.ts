export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * Readiness from registered checks (store reachable, caches synced, ...). Liveness is
 * only "the event loop answers": restarting a pod never fixes a dependency outage.
 */
export class Health {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Once draining, readiness fails so load balancers stop sending new requests. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await withTimeout(check, timeoutMs)] as const));
    const checks = Object.fromEntries(entries);
    if (this.shuttingDown) checks.shutdown = false;
    return { ready: !this.shuttingDown && entries.every(([, ok]) => ok), checks };
  }
}

async function withTimeout(check: ReadinessCheck, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
