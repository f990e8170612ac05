import type { Logger } from '../../shared/logger.js';
import { exponentialBackoff } from '../../shared/retry/index.js';
import { KubeError, type KubeHttp } from './kube.http.js';
import type { KubeObject } from './kube.port.js';
import { resourcePath, type ResourceKind } from './resources.js';

export interface InformerOptions {
  kind: ResourceKind;
  /** Undefined: all namespaces. */
  namespace?: string;
  labelSelector?: string;
  /**
   * Called for every object that was added, changed, deleted or resynced, with no word
   * on which: the consumer only maps it to a key (level-triggered).
   */
  onObject(object: KubeObject): void;
  logger: Logger;
  /** Re-delivers every cached object this often (controller-runtime's SyncPeriod: 10 min). */
  resyncMs?: number;
  /** A watch silent for this long (not even a bookmark) is presumed dead and relisted. */
  watchdogMs?: number;
  /** Server-side watch timeout; the stream then ends cleanly and is reopened. */
  watchTimeoutSeconds?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; message?: string };
}

class GoneError extends Error {}

/**
 * List, then watch from the list's resourceVersion, forever: any error restarts the
 * cycle after a backoff, a 410 Gone (our resourceVersion was compacted away) relists at
 * once, and a watchdog aborts a watch that went silent (a dead TCP connection looks just
 * like a quiet cluster). A relist delivers only the objects whose resourceVersion moved,
 * so an API server restart re-delivers exactly what changed meanwhile.
 */
export class Informer {
  private readonly store = new Map<string, KubeObject>();
  /** The same objects by namespace, then name: what the cached reads look up. */
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  /** The newest resourceVersion this cache has caught up with (list, event or bookmark). */
  private rv = '';
  private synced = false;
  private stopped = false;
  private abort = new AbortController();
  /** Aborted once by stop(): cancels a list in flight, which the watch abort cannot reach. */
  private readonly lifetime = new AbortController();
  private loop: Promise<void> | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private sleepTimer: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  private lastEventAt = 0;
  private readonly opts: Required<Omit<InformerOptions, 'namespace' | 'labelSelector'>> & Pick<InformerOptions, 'namespace' | 'labelSelector'>;

  constructor(
    private readonly http: KubeHttp,
    opts: InformerOptions,
  ) {
    this.opts = { resyncMs: 600_000, watchdogMs: 120_000, watchTimeoutSeconds: 300, backoffMinMs: 200, backoffMaxMs: 30_000, ...opts };
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.resyncTimer = setInterval(() => {
      for (const obj of this.store.values()) this.opts.onObject(obj);
    }, this.opts.resyncMs);
    this.resyncTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    this.lifetime.abort();
    this.abort.abort();
    if (this.sleepTimer) {
      clearTimeout(this.sleepTimer.timer);
      this.sleepTimer.resolve();
    }
    await this.loop;
  }

  /** True once the first list completed (controller-runtime's WaitForCacheSync). */
  hasSynced(): boolean {
    return this.synced;
  }

  list(): KubeObject[] {
    return [...this.store.values()];
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** Cached objects in one namespace. */
  listIn(namespace: string): KubeObject[] {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }

  /** Whether this informer's scope includes `namespace`. */
  covers(namespace: string): boolean {
    return this.opts.namespace === undefined || this.opts.namespace === namespace;
  }

  /**
   * The resourceVersion the cache reflects: every change up to it that matches this
   * informer's scope has been applied to the store. Empty before the first list.
   */
  resourceVersion(): string {
    return this.rv;
  }

  private put(key: string, obj: KubeObject): void {
    this.store.set(key, obj);
    const ns = obj.metadata?.namespace ?? '';
    let names = this.byNamespace.get(ns);
    if (!names) this.byNamespace.set(ns, (names = new Map<string, KubeObject>()));
    names.set(obj.metadata?.name ?? '', obj);
  }

  private remove(key: string, obj: KubeObject): void {
    this.store.delete(key);
    const ns = obj.metadata?.namespace ?? '';
    const names = this.byNamespace.get(ns);
    names?.delete(obj.metadata?.name ?? '');
    if (names?.size === 0) this.byNamespace.delete(ns);
  }

  private get path(): string {
    return resourcePath(this.opts.kind, this.opts.namespace);
  }

  private async run(): Promise<void> {
    const restartDelay = exponentialBackoff({ baseMs: this.opts.backoffMinMs, maxMs: this.opts.backoffMaxMs });
    let failures = 0;
    while (!this.stopped) {
      try {
        let rv = await this.relist();
        failures = 0;
        while (!this.stopped) rv = await this.watch(rv);
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof GoneError) {
          this.opts.logger.debug('watch expired (410), relisting', { kind: this.opts.kind, namespace: this.opts.namespace });
          continue;
        }
        const backoff = restartDelay(failures++);
        this.opts.logger.warn('informer failed, restarting', { kind: this.opts.kind, namespace: this.opts.namespace, retryInMs: backoff, error: String(err) });
        await this.sleep(backoff);
      }
    }
  }

  private async relist(): Promise<string> {
    const list = await this.http.request<{ metadata?: { resourceVersion?: string }; items?: KubeObject[] }>({
      method: 'GET',
      path: this.path,
      query: { labelSelector: this.opts.labelSelector },
      signal: this.lifetime.signal,
    });
    const seen = new Set<string>();
    // The store and rv move together, before anyone is told: a consumer woken by
    // onObject reads a cache that already holds the whole list.
    const changed: KubeObject[] = [];
    for (const raw of list.items ?? []) {
      const item = withoutManagedFields(raw);
      const key = keyOf(item);
      seen.add(key);
      const old = this.store.get(key);
      this.put(key, item);
      if (old?.metadata?.resourceVersion !== item.metadata?.resourceVersion) changed.push(item);
    }
    for (const [key, old] of this.store) {
      if (seen.has(key)) continue;
      this.remove(key, old);
      changed.push(old);
    }
    this.rv = list.metadata?.resourceVersion ?? '';
    this.synced = true;
    for (const obj of changed) this.opts.onObject(obj);
    return this.rv;
  }

  /** One watch stream; returns the resourceVersion to resume from. */
  private async watch(fromRv: string): Promise<string> {
    let rv = fromRv;
    this.abort = new AbortController();
    const abort = this.abort;
    this.lastEventAt = Date.now();
    const watchdog = setInterval(
      () => {
        if (Date.now() - this.lastEventAt > this.opts.watchdogMs) abort.abort();
      },
      Math.min(this.opts.watchdogMs, 5_000),
    );
    watchdog.unref();
    try {
      await this.http.stream(
        this.path,
        {
          watch: 'true',
          resourceVersion: rv,
          allowWatchBookmarks: 'true',
          timeoutSeconds: String(this.opts.watchTimeoutSeconds),
          labelSelector: this.opts.labelSelector,
        },
        (raw) => {
          this.lastEventAt = Date.now();
          const event = raw as WatchEvent;
          if (event.type === 'ERROR') {
            if (event.object.code === 410) throw new GoneError(event.object.message ?? 'gone');
            throw new KubeError(event.object.code ?? 500, event.object.message ?? 'watch error');
          }
          rv = event.object.metadata?.resourceVersion ?? rv;
          if (event.type !== 'BOOKMARK') {
            const object = withoutManagedFields(event.object);
            const key = keyOf(object);
            if (event.type === 'DELETED') this.remove(key, this.store.get(key) ?? object);
            else this.put(key, object);
            this.rv = rv;
            this.opts.onObject(object);
          } else {
            this.rv = rv;
          }
        },
        abort.signal,
      );
    } catch (err) {
      if (err instanceof KubeError && err.code === 410) throw new GoneError(err.message);
      if (abort.signal.aborted && !this.stopped) throw new Error(`watch silent for ${this.opts.watchdogMs} ms`);
      throw err;
    } finally {
      clearInterval(watchdog);
    }
    return rv;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.sleepTimer = { timer, resolve };
    });
  }
}

/**
 * The object without metadata.managedFields, which nothing here reads and which is often
 * the larger half of a small object (controller-runtime strips it the same way).
 */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...obj, metadata };
}

export function keyOf(obj: KubeObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}
