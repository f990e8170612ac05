import type { Logger } from '../../shared/logger.js';
import { isConflict } from '../kube/kube.http.js';
import type { KubePort, Lease } from '../kube/kube.port.js';

export interface LeaseElectorOptions {
  kube: Pick<KubePort, 'getLease' | 'createLease' | 'updateLease'>;
  namespace: string;
  name: string;
  /** Unique per process (pod name + random suffix), shown as the Lease holder. */
  identity: string;
  logger: Logger;
  /** controller-runtime's defaults: 15 s lease, 10 s renew deadline, 2 s retry period. */
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  onStartedLeading(): void;
  onStoppedLeading(): void | Promise<void>;
}

/**
 * client-go's leader election on a coordination.k8s.io/v1 Lease. Expiry is judged by
 * our own clock from the moment we last saw the Lease change, never by comparing the
 * holder's renewTime with our clock, so clock skew between nodes cannot make two leaders.
 * Writes are guarded by resourceVersion: of two candidates racing, one gets a 409.
 */
export class LeaseElector {
  private leading = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private observed: { resourceVersion: string; at: number } | undefined;
  private lastRenew = 0;
  private readonly durationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: LeaseElectorOptions) {
    this.durationMs = opts.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? 10_000;
    this.retryMs = opts.retryPeriodMs ?? 2_000;
  }

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops campaigning; a leader releases the Lease so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    if (!this.leading) return;
    await this.lose();
    try {
      const lease = await this.opts.kube.getLease(this.opts.namespace, this.opts.name);
      if (lease?.spec.holderIdentity === this.opts.identity) {
        await this.opts.kube.updateLease({
          metadata: lease.metadata,
          spec: { ...lease.spec, holderIdentity: null, leaseDurationSeconds: 1, renewTime: microTime(new Date()) },
        });
        this.opts.logger.info('leader lease released', { lease: `${this.opts.namespace}/${this.opts.name}`, identity: this.opts.identity });
      }
    } catch (err) {
      this.opts.logger.warn('releasing the leader lease failed; it expires on its own', { error: String(err) });
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let ok = false;
      try {
        ok = await this.tryAcquireOrRenew();
      } catch (err) {
        this.opts.logger.debug('leader election attempt failed', { error: String(err) });
      }
      if (this.stopped) break;
      if (ok) {
        this.lastRenew = Date.now();
        if (!this.leading) {
          this.leading = true;
          this.opts.logger.info('became leader', { lease: `${this.opts.namespace}/${this.opts.name}`, identity: this.opts.identity });
          this.opts.onStartedLeading();
        }
      } else if (this.leading && Date.now() - this.lastRenew > this.renewDeadlineMs) {
        this.opts.logger.warn('leader lease not renewed within the deadline; stepping down', { identity: this.opts.identity });
        await this.lose();
      }
      await this.sleep(this.retryMs);
    }
  }

  private async lose(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.opts.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = new Date();
    const lease = await this.opts.kube.getLease(this.opts.namespace, this.opts.name);
    const spec = (previous?: Lease['spec']): Lease['spec'] => {
      const renewing = previous?.holderIdentity === this.opts.identity;
      return {
        holderIdentity: this.opts.identity,
        leaseDurationSeconds: Math.ceil(this.durationMs / 1000),
        acquireTime: renewing ? (previous.acquireTime ?? microTime(now)) : microTime(now),
        renewTime: microTime(now),
        // As client-go: any change of holder, including from a released (empty) Lease, counts.
        leaseTransitions: (previous?.leaseTransitions ?? 0) + (previous && !renewing ? 1 : 0),
      };
    };
    if (!lease) {
      try {
        await this.opts.kube.createLease({ metadata: { name: this.opts.name, namespace: this.opts.namespace }, spec: spec() });
        return true;
      } catch (err) {
        if (isConflict(err)) return false; // another candidate created it first
        throw err;
      }
    }
    const rv = lease.metadata.resourceVersion ?? '';
    if (this.observed?.resourceVersion !== rv) this.observed = { resourceVersion: rv, at: Date.now() };
    const holder = lease.spec.holderIdentity;
    const durationMs = (lease.spec.leaseDurationSeconds ?? this.durationMs / 1000) * 1000;
    const held = holder && holder !== this.opts.identity && this.observed.at + durationMs > Date.now();
    if (held) return false;
    try {
      const updated = await this.opts.kube.updateLease({ metadata: lease.metadata, spec: spec(lease.spec) });
      this.observed = { resourceVersion: updated.metadata.resourceVersion ?? '', at: Date.now() };
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
function microTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}
