import type { BotPlatformStatus } from '../types.js';
import { withoutManagedFields, type Informer } from './informer.js';
import type { DesiredObject, EventSpec, KubeObject, KubePort, Lease, ObservedPlatform } from './kube.port.js';
import type { ChildKind } from './resources.js';

type CachedKind = 'BotPlatform' | ChildKind;

/** Where the cached reads come from: the informer that covers a kind in a namespace. */
export interface InformerSource {
  informerFor(kind: CachedKind, namespace: string): Informer | undefined;
}

/**
 * What we wrote and the cache may not show yet. `applied`: the object the API server
 * answered with, valid until the informer has caught up with its resourceVersion.
 * `deleted`: a tombstone, valid while the cache still holds the object we deleted.
 */
type Written = { kind: CachedKind; namespace: string; name: string } & (
  { state: 'applied'; object: KubeObject; rv: string } | { state: 'deleted'; rv: string }
);

/** Entries past which a write triggers a sweep of those the informers have caught up with. */
const SWEEP_EVERY = 256;

/**
 * The KubePort the running operator reconciles with, as controller-runtime's cached
 * client does: the BotPlatform and its children are read from the informers' caches
 * (no GET or LIST per reconcile), writes and Secret reads go to the API server.
 *
 * An informer lags our own writes by one watch event. Reading through that lag would
 * re-apply a child we just created, or compare a fresh status against the one before
 * it (and stamp new transition times): wasted writes at best, a short write loop at
 * worst. So every write's answer is kept and read instead of the cache until the
 * informer's resourceVersion reaches it ("read your own writes"). resourceVersions are
 * etcd revisions, so comparing them as integers is what the API server itself does
 * (client-go's CompareResourceVersion); where one is not an integer we trust the cache,
 * which only costs a redundant, idempotent apply.
 *
 * Until an informer has listed once, its reads go to the API server.
 * Objects returned are the cache's own: callers must not mutate them.
 * budget: operator-converge, operator-resync-writes (docs/budgets.md)
 */
export class CachedKubeClient implements KubePort {
  private readonly written = new Map<string, Written>();
  private writesSinceSweep = 0;

  constructor(
    private readonly live: KubePort,
    private readonly cache: InformerSource,
  ) {}

  async getPlatform(namespace: string, name: string): Promise<ObservedPlatform | undefined> {
    const informer = this.synced('BotPlatform', namespace);
    if (!informer) return this.live.getPlatform(namespace, name);
    return this.view('BotPlatform', informer, namespace, name) as ObservedPlatform | undefined;
  }

  async listChildren(kind: ChildKind, namespace: string, labelSelector: string): Promise<KubeObject[]> {
    const informer = this.synced(kind, namespace);
    if (!informer) return this.live.listChildren(kind, namespace, labelSelector);
    const match = selectorMatcher(labelSelector);
    const byName = new Map<string, KubeObject>();
    for (const obj of informer.listIn(namespace)) byName.set(obj.metadata?.name ?? '', obj);
    for (const w of this.written.values()) {
      if (w.kind === kind && w.namespace === namespace && !byName.has(w.name)) byName.set(w.name, { metadata: { name: w.name, namespace } });
    }
    const out: KubeObject[] = [];
    for (const name of byName.keys()) {
      const obj = this.view(kind, informer, namespace, name);
      if (obj && match(obj)) out.push(obj);
    }
    return out;
  }

  async apply(kind: ChildKind, object: DesiredObject): Promise<KubeObject> {
    const result = await this.live.apply(kind, object);
    this.remember(kind, result);
    return result;
  }

  async applyStatus(platform: ObservedPlatform, status: BotPlatformStatus): Promise<ObservedPlatform> {
    const result = await this.live.applyStatus(platform, status);
    this.remember('BotPlatform', { ...result });
    return result;
  }

  async setFinalizers(platform: ObservedPlatform, finalizers: string[]): Promise<ObservedPlatform> {
    const result = await this.live.setFinalizers(platform, finalizers);
    this.remember('BotPlatform', { ...result });
    return result;
  }

  async deleteChild(kind: ChildKind, namespace: string, name: string): Promise<void> {
    const informer = this.cache.informerFor(kind, namespace);
    const seen = informer ? this.view(kind, informer, namespace, name) : undefined;
    await this.live.deleteChild(kind, namespace, name);
    const rv = seen?.metadata?.resourceVersion;
    if (rv) this.record({ kind, namespace, name, state: 'deleted', rv });
    else this.written.delete(entryKey(kind, namespace, name));
  }

  // Secrets are never cached: no list/watch on Secrets keeps the operator's RBAC minimal.
  secretKeys(namespace: string, name: string): Promise<string[] | undefined> {
    return this.live.secretKeys(namespace, name);
  }

  recordEvent(platform: ObservedPlatform, event: EventSpec): Promise<void> {
    return this.live.recordEvent(platform, event);
  }

  getLease(namespace: string, name: string): Promise<Lease | undefined> {
    return this.live.getLease(namespace, name);
  }

  createLease(lease: Lease): Promise<Lease> {
    return this.live.createLease(lease);
  }

  updateLease(lease: Lease): Promise<Lease> {
    return this.live.updateLease(lease);
  }

  /** Writes the cache has not caught up with yet (tests and debugging). */
  pendingWrites(): number {
    return this.written.size;
  }

  private synced(kind: CachedKind, namespace: string): Informer | undefined {
    const informer = this.cache.informerFor(kind, namespace);
    return informer?.hasSynced() ? informer : undefined;
  }

  /** The object as we know it: our own newer write if the cache lags it, else the cache. */
  private view(kind: CachedKind, informer: Informer, namespace: string, name: string): KubeObject | undefined {
    const key = entryKey(kind, namespace, name);
    const cached = informer.get(namespace, name);
    const w = this.written.get(key);
    if (!w) return cached;
    if (isCurrent(w, informer, cached)) return w.state === 'applied' ? w.object : undefined;
    this.written.delete(key);
    return cached;
  }

  private remember(kind: CachedKind, object: KubeObject): void {
    const name = object.metadata?.name;
    const namespace = object.metadata?.namespace;
    const rv = object.metadata?.resourceVersion;
    if (!name || !namespace || !rv) return;
    const informer = this.cache.informerFor(kind, namespace);
    // A no-op apply answers with the revision the cache already has: nothing to keep.
    if (informer && !isNewer(rv, informer.resourceVersion())) {
      this.written.delete(entryKey(kind, namespace, name));
      return;
    }
    this.record({ kind, namespace, name, state: 'applied', object: withoutManagedFields(object), rv });
  }

  private record(w: Written): void {
    this.written.set(entryKey(w.kind, w.namespace, w.name), w);
    if (++this.writesSinceSweep < SWEEP_EVERY) return;
    // Entries are normally dropped when read; this bounds those of objects never read again.
    this.writesSinceSweep = 0;
    for (const [key, entry] of this.written) {
      const informer = this.cache.informerFor(entry.kind, entry.namespace);
      if (!informer || !isCurrent(entry, informer, informer.get(entry.namespace, entry.name))) this.written.delete(key);
    }
  }
}

function isCurrent(w: Written, informer: Informer, cached: KubeObject | undefined): boolean {
  if (w.state === 'applied') return isNewer(w.rv, informer.resourceVersion());
  // The tombstone holds while the cache still shows the object we deleted (or older);
  // once it is gone, or recreated with a newer revision, the cache is right again.
  const rv = cached?.metadata?.resourceVersion;
  return rv !== undefined && (rv === w.rv || isNewer(w.rv, rv));
}

/** Whether resourceVersion `a` is later than `b`; false when either is not an etcd revision. */
export function isNewer(a: string, b: string): boolean {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return BigInt(a) > BigInt(b);
}

/** Equality-based label selectors (`k=v,k2=v2`, also `k==v`), the only kind we send. */
export function selectorMatcher(selector: string): (obj: KubeObject) => boolean {
  const terms = selector
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const m = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(t);
      if (!m?.[1]) throw new Error(`unsupported label selector term: ${t}`);
      return [m[1], m[2] ?? ''] as const;
    });
  return (obj) => {
    const labels = obj.metadata?.labels ?? {};
    return terms.every(([k, v]) => labels[k] === v);
  };
}

function entryKey(kind: CachedKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
