import type { Logger } from '../../shared/logger.js';
import { DEFAULT_BUILDER_CONFIG } from '../builders/builder-config.js';
import { KIND } from '../types.js';
import { Informer, keyOf } from './informer.js';
import type { KubeHttp } from './kube.http.js';
import type { KubeObject } from './kube.port.js';
import type { ResourceKind } from './resources.js';

export interface PlatformInformersOptions {
  /** Empty: watch all namespaces. */
  namespaces: readonly string[];
  /** Receives `namespace/name` of the BotPlatform to reconcile, and nothing else. */
  enqueue(key: string): void;
  logger: Logger;
  resyncMs?: number;
  watchdogMs?: number;
  backoffMaxMs?: number;
}

/** Kinds whose changes wake the owner: drift or a rollout's progress. */
const CHILD_KINDS_WATCHED: readonly ResourceKind[] = ['Deployment', 'Service', 'ConfigMap'];

/** Label selector of the children we own, so the informers never cache the whole cluster. */
export const MANAGED_BY_SELECTOR = `app.kubernetes.io/managed-by=${DEFAULT_BUILDER_CONFIG.managedBy}`;

/** The `namespace/name` of the BotPlatform controlling `child`, if any. */
export function ownerKey(child: KubeObject): string | undefined {
  const owner = child.metadata?.ownerReferences?.find((ref) => ref.kind === KIND && ref.controller === true);
  if (!owner || !child.metadata?.namespace) return undefined;
  return `${child.metadata.namespace}/${owner.name}`;
}

/** Informers for BotPlatforms and their children, per watched namespace. */
export class PlatformInformers {
  private readonly informers: Informer[] = [];
  private readonly platformInformers: Informer[] = [];

  constructor(http: KubeHttp, opts: PlatformInformersOptions) {
    const scopes: (string | undefined)[] = opts.namespaces.length ? [...opts.namespaces] : [undefined];
    const common = {
      logger: opts.logger,
      ...(opts.resyncMs !== undefined ? { resyncMs: opts.resyncMs } : {}),
      ...(opts.watchdogMs !== undefined ? { watchdogMs: opts.watchdogMs } : {}),
      ...(opts.backoffMaxMs !== undefined ? { backoffMaxMs: opts.backoffMaxMs } : {}),
    };
    for (const namespace of scopes) {
      const ns = namespace === undefined ? {} : { namespace };
      const platforms = new Informer(http, { ...common, ...ns, kind: 'BotPlatform', onObject: (obj) => opts.enqueue(keyOf(obj)) });
      this.platformInformers.push(platforms);
      this.informers.push(platforms);
      for (const kind of CHILD_KINDS_WATCHED) {
        this.informers.push(
          new Informer(http, {
            ...common,
            ...ns,
            kind,
            labelSelector: MANAGED_BY_SELECTOR,
            onObject: (obj) => {
              const key = ownerKey(obj);
              if (key) opts.enqueue(key);
            },
          }),
        );
      }
    }
  }

  start(): void {
    for (const i of this.informers) i.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.informers.map((i) => i.stop()));
  }

  /** Keys of every cached BotPlatform: what a newly elected leader must look at first. */
  platformKeys(): string[] {
    return this.platformInformers.flatMap((i) => i.list().map(keyOf));
  }

  hasSynced(): boolean {
    return this.informers.every((i) => i.hasSynced());
  }
}
