import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../../shared/logger.js';
import { counter, type MetricsRegistry } from '../../shared/metrics.js';
import type { RedisTuning } from '../../shared/redis/index.js';
import { loadKubeConfig } from '../kube/kube.config.js';
import { CachedKubeClient } from '../kube/cached.client.js';
import { KubeClient } from '../kube/kube.client.js';
import { PlatformInformers } from '../kube/platform.informers.js';
import { LeaseElector } from '../leader/lease.elector.js';
import { Controller } from '../queue/controller.js';
import { WorkQueue } from '../queue/work-queue.js';
import { RedisConnectionsStore } from '../reconcile/connections.store.js';
import { PlatformReconciler } from '../reconcile/platform.reconciler.js';

export interface OperatorOptions {
  /** A kubeconfig file; otherwise $KUBECONFIG, ~/.kube/config or in-cluster. */
  kubeconfigPath?: string;
  /** Empty: every namespace. */
  watchNamespaces: readonly string[];
  leaderElection: boolean;
  leaseNamespace: string;
  leaseName?: string;
  identity?: string;
  logger: Logger;
  registry: MetricsRegistry;
  workers?: number;
  clock?: () => Date;
  /** Informer and retry timings; tests shorten them. */
  resyncMs?: number;
  watchdogMs?: number;
  informerBackoffMaxMs?: number;
  retryAfterMs?: number;
  lease?: { durationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number };
  redisTuning?: RedisTuning;
}

export const CONTROLLER_NAME = 'botplatform';

/**
 * The operator in one object, so tests run it in-process: informers feed keys to a work
 * queue, a controller drains it into the reconciler, and with leader election only the
 * Lease holder runs the controller. Informers run on standbys too, so a new leader
 * starts with a warm cache and every key already queued.
 */
export class Operator {
  readonly kube: KubeClient;
  /** What the reconciler reads through: the informer caches plus our own recent writes. */
  readonly cached: CachedKubeClient;
  readonly identity: string;
  private readonly informers: PlatformInformers;
  private readonly reconciler: PlatformReconciler;
  private readonly redis: RedisConnectionsStore;
  private readonly elector: LeaseElector | undefined;
  private queue: WorkQueue | undefined;
  private controller: Controller | undefined;

  constructor(private readonly opts: OperatorOptions) {
    this.identity = opts.identity ?? `${hostname()}-${randomBytes(4).toString('hex')}`;
    this.kube = new KubeClient(loadKubeConfig(opts.kubeconfigPath));
    const writes = counter(opts.registry, 'botplatform_operator_kube_writes_total', 'Write requests the operator sent to the API server', ['verb']);
    this.kube.http.onWrite((verb) => writes.inc({ verb }));
    this.redis = new RedisConnectionsStore(opts.logger, opts.redisTuning);
    this.informers = new PlatformInformers(this.kube.http, {
      namespaces: opts.watchNamespaces,
      logger: opts.logger,
      enqueue: (key) => this.enqueue(key),
      ...(opts.resyncMs !== undefined ? { resyncMs: opts.resyncMs } : {}),
      ...(opts.watchdogMs !== undefined ? { watchdogMs: opts.watchdogMs } : {}),
      ...(opts.informerBackoffMaxMs !== undefined ? { backoffMaxMs: opts.informerBackoffMaxMs } : {}),
    });
    this.cached = new CachedKubeClient(this.kube, this.informers);
    this.reconciler = new PlatformReconciler({
      kube: this.cached,
      redis: this.redis,
      logger: opts.logger,
      clock: opts.clock ?? (() => new Date()),
      ...(opts.retryAfterMs !== undefined ? { retryAfterMs: opts.retryAfterMs } : {}),
    });
    if (opts.leaderElection) {
      this.elector = new LeaseElector({
        kube: this.kube,
        namespace: opts.leaseNamespace,
        name: opts.leaseName ?? 'botplatform-operator-leader',
        identity: this.identity,
        logger: opts.logger,
        ...(opts.lease?.durationMs !== undefined ? { leaseDurationMs: opts.lease.durationMs } : {}),
        ...(opts.lease?.renewDeadlineMs !== undefined ? { renewDeadlineMs: opts.lease.renewDeadlineMs } : {}),
        ...(opts.lease?.retryPeriodMs !== undefined ? { retryPeriodMs: opts.lease.retryPeriodMs } : {}),
        onStartedLeading: () => this.startController(),
        onStoppedLeading: () => this.stopController(),
      });
    }
  }

  start(): void {
    this.informers.start();
    if (this.elector) this.elector.start();
    else this.startController();
  }

  /** Stop watching, drain in-flight reconciles, then release the Lease, then close Redis. */
  async stop(): Promise<void> {
    await this.informers.stop();
    if (this.elector) await this.elector.stop();
    else await this.stopController();
    await this.redis.close();
    this.kube.http.close();
  }

  hasSynced(): boolean {
    return this.informers.hasSynced();
  }

  isLeader(): boolean {
    return this.elector ? this.elector.isLeader() : this.controller !== undefined;
  }

  private enqueue(key: string): void {
    this.queue?.add(key);
  }

  private startController(): void {
    if (this.controller) return;
    // A fresh queue per term (a stopped queue cannot restart), filled with every cached
    // platform: a standby's informers dropped their keys while it waited.
    this.queue = new WorkQueue(CONTROLLER_NAME, this.opts.registry);
    this.controller = new Controller(CONTROLLER_NAME, this.queue, this.reconciler.reconcile, this.opts.logger, this.opts.registry);
    this.controller.start(this.opts.workers ?? 4);
    for (const key of this.informers.platformKeys()) this.queue.add(key);
  }

  private async stopController(): Promise<void> {
    const controller = this.controller;
    this.controller = undefined;
    this.queue = undefined;
    await controller?.stop();
  }
}
