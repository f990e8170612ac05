import type { Logger } from '../../shared/logger.js';
import { DEFAULT_BUILDER_CONFIG } from '../builders/builder-config.js';
import { KIND } from '../types.js';
import { Informer, keyOf } from './informer.js';
import type { KubeHttp } from './kube.http.js';
import type { KubeObject } from './kube.port.js';
import type { InformerSource } from './cached.client.js';
import { CHILD_KINDS, type ChildKind } from './resources.js';

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

/**
 * Every kind a BotPlatform owns is watched: a change wakes the owner (drift, a rollout's
 * progress), and the reconciler reads its children from these caches.
 */
const CHILD_KINDS_WATCHED: readonly ChildKind[] = CHILD_KINDS;

/** Label selector of the children we own, so the informers never cache the whole cluster. */
export const MANAGED_BY_SELECTOR = `app.kubernetes.io/managed-by=${DEFAULT_BUILDER_CONFIG.managedBy}`;

/** The `namespace/name` of the BotPlatform controlling `child`, if any. */
export function ownerKey(child: KubeObject): string | undefined {
  const owner = child.metadata?.ownerReferences?.find((ref) => ref.kind === KIND && ref.controller === true);
  if (!owner || !child.metadata?.namespace) return undefined;
  return `${child.metadata.namespace}/${owner.name}`;
}

/** Informers for BotPlatforms and their children, per watched namespace. */
export class PlatformInformers implements InformerSource {
  private readonly informers: Informer[] = [];
  private readonly platformInformers: Informer[] = [];
  private readonly byKind = new Map<'BotPlatform' | ChildKind, Informer[]>();

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
      this.add('BotPlatform', platforms);
      for (const kind of CHILD_KINDS_WATCHED) {
        this.add(
          kind,
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

  private add(kind: 'BotPlatform' | ChildKind, informer: Informer): void {
    this.informers.push(informer);
    this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), informer]);
  }

  /** The informer caching `kind` in `namespace`; undefined outside the watched namespaces. */
  informerFor(kind: 'BotPlatform' | ChildKind, namespace: string): Informer | undefined {
    return this.byKind.get(kind)?.find((i) => i.covers(namespace));
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
