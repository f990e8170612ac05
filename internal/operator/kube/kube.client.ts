import type { KubeConfigSource } from './kube.config.js';
import type { BotPlatformStatus } from '../types.js';
import { KubeHttp, isNotFound } from './kube.http.js';
import type { DesiredObject, EventSpec, KubeObject, KubePort, Lease, ObservedPlatform } from './kube.port.js';
import { apiVersionOf, resourcePath, type ChildKind } from './resources.js';

export const FIELD_MANAGER = 'botplatform-operator';

/** The KubePort over the real API server. */
export class KubeClient implements KubePort {
  readonly http: KubeHttp;

  constructor(
    kc: KubeConfigSource,
    private readonly component = FIELD_MANAGER,
  ) {
    this.http = new KubeHttp(kc);
  }

  async getPlatform(namespace: string, name: string): Promise<ObservedPlatform | undefined> {
    try {
      return await this.http.request<ObservedPlatform>({ method: 'GET', path: resourcePath('BotPlatform', namespace, name) });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async listChildren(kind: ChildKind, namespace: string, labelSelector: string): Promise<KubeObject[]> {
    const list = await this.http.request<{ items?: KubeObject[] }>({ method: 'GET', path: resourcePath(kind, namespace), query: { labelSelector } });
    return list.items ?? [];
  }

  apply(kind: ChildKind, object: DesiredObject): Promise<KubeObject> {
    return this.http.request<KubeObject>({
      method: 'PATCH',
      path: resourcePath(kind, object.metadata.namespace, object.metadata.name),
      query: { fieldManager: FIELD_MANAGER, force: 'true' },
      body: object,
      contentType: 'application/apply-patch+yaml',
      write: 'apply',
    });
  }

  applyStatus(platform: ObservedPlatform, status: BotPlatformStatus): Promise<ObservedPlatform> {
    const { name, namespace } = platform.metadata;
    return this.http.request<ObservedPlatform>({
      method: 'PATCH',
      path: `${resourcePath('BotPlatform', namespace, name)}/status`,
      query: { fieldManager: FIELD_MANAGER, force: 'true' },
      body: { apiVersion: platform.apiVersion, kind: platform.kind, metadata: { name, namespace }, status },
      contentType: 'application/apply-patch+yaml',
      write: 'apply',
    });
  }

  setFinalizers(platform: ObservedPlatform, finalizers: string[]): Promise<ObservedPlatform> {
    const { name, namespace, resourceVersion } = platform.metadata;
    // A merge patch replaces the whole list; the resourceVersion makes it fail (409)
    // instead of dropping a finalizer another controller added since our read.
    return this.http.request<ObservedPlatform>({
      method: 'PATCH',
      path: resourcePath('BotPlatform', namespace, name),
      body: { metadata: { finalizers, resourceVersion } },
      contentType: 'application/merge-patch+json',
      write: 'patch',
    });
  }

  async secretKeys(namespace: string, name: string): Promise<string[] | undefined> {
    try {
      // Only the key names leave this function; the values are dropped here.
      const secret = await this.http.request<{ data?: Record<string, string> }>({ method: 'GET', path: resourcePath('Secret', namespace, name) });
      return Object.keys(secret.data ?? {});
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async deleteChild(kind: ChildKind, namespace: string, name: string): Promise<void> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: resourcePath(kind, namespace, name),
        // Background: the API server (or the garbage collector, where one runs) removes dependents.
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
        write: 'delete',
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async recordEvent(platform: ObservedPlatform, event: EventSpec): Promise<void> {
    const { name, namespace, uid } = platform.metadata;
    await this.http.request({
      method: 'POST',
      path: resourcePath('Event', namespace),
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { generateName: `${name}.`, namespace },
        involvedObject: { apiVersion: platform.apiVersion, kind: platform.kind, name, namespace, uid },
        type: event.type,
        reason: event.reason,
        message: event.message,
        source: { component: this.component },
        reportingComponent: this.component,
        firstTimestamp: event.time,
        lastTimestamp: event.time,
        count: 1,
      },
      write: 'create',
    });
  }

  async getLease(namespace: string, name: string): Promise<Lease | undefined> {
    try {
      return await this.http.request<Lease>({ method: 'GET', path: resourcePath('Lease', namespace, name) });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  createLease(lease: Lease): Promise<Lease> {
    return this.http.request<Lease>({
      method: 'POST',
      path: resourcePath('Lease', lease.metadata.namespace),
      body: { apiVersion: apiVersionOf('Lease'), kind: 'Lease', ...lease },
      write: 'create',
    });
  }

  updateLease(lease: Lease): Promise<Lease> {
    return this.http.request<Lease>({
      method: 'PUT',
      path: resourcePath('Lease', lease.metadata.namespace, lease.metadata.name),
      body: { apiVersion: apiVersionOf('Lease'), kind: 'Lease', ...lease },
      write: 'update',
    });
  }
}
