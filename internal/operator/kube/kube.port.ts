import type { BotPlatform, BotPlatformStatus, ObjectMeta } from '../types.js';
import type { ChildKind } from './resources.js';

/** Metadata as the API server returns it; only the fields the operator reads. */
export interface ObservedMeta extends ObjectMeta {
  resourceVersion?: string;
  finalizers?: string[];
  deletionTimestamp?: string;
}

/** Any object read from the API server; the reconciler only walks it as plain JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObservedMeta;
  [field: string]: unknown;
}

/** An object to apply: any of the builders' shapes. */
export interface DesiredObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
}

export type ObservedPlatform = BotPlatform & { metadata: BotPlatform['metadata'] & ObservedMeta };

export interface EventSpec {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** When it happened; the clock is the caller's. */
  time: string;
}

export interface Lease {
  metadata: ObservedMeta & { name: string; namespace: string };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number;
    acquireTime?: string | null;
    renewTime?: string | null;
    leaseTransitions?: number;
  };
}

/**
 * Everything the reconciler and the elector ask of Kubernetes. The real one is
 * KubeClient; keeping the reconciler behind this port keeps @kubernetes/client-node
 * inside kube/.
 */
export interface KubePort {
  getPlatform(namespace: string, name: string): Promise<ObservedPlatform | undefined>;
  /** Children of `kind` in `namespace` matching a label selector (`k=v,k2=v2`). */
  listChildren(kind: ChildKind, namespace: string, labelSelector: string): Promise<KubeObject[]>;
  /** Server-side apply under the operator's field manager, forcing conflicts. */
  apply(kind: ChildKind, object: DesiredObject): Promise<KubeObject>;
  /** Server-side apply of `status` on the /status subresource; answers the whole object. */
  applyStatus(platform: ObservedPlatform, status: BotPlatformStatus): Promise<ObservedPlatform>;
  /** Sets metadata.finalizers, guarded by the resourceVersion read (409 if it moved). */
  setFinalizers(platform: ObservedPlatform, finalizers: string[]): Promise<ObservedPlatform>;
  /** Keys of a Secret (never values), or undefined when the Secret does not exist. */
  secretKeys(namespace: string, name: string): Promise<string[] | undefined>;
  /** Deletes a child; a child already gone is not an error. */
  deleteChild(kind: ChildKind, namespace: string, name: string): Promise<void>;
  recordEvent(platform: ObservedPlatform, event: EventSpec): Promise<void>;
  getLease(namespace: string, name: string): Promise<Lease | undefined>;
  createLease(lease: Lease): Promise<Lease>;
  /** Replaces a Lease, guarded by its resourceVersion (409 if someone else wrote it). */
  updateLease(lease: Lease): Promise<Lease>;
}
