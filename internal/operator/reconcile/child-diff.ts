import { canonicalJson, sha256Hex } from '../builders/canonical-json.js';
import type { KubeObject } from '../kube/kube.port.js';

/** Hash of the object we last applied, so a field we stopped setting is noticed too. */
export const APPLIED_HASH_ANNOTATION = 'botplatform.io/applied-hash';

/**
 * Keys whose values the API server rewrites into canonical quantities ("0.1" -> "100m",
 * 134217728 -> "128Mi"). Comparing them literally would re-apply forever; a change we
 * make to them is still caught by the applied hash.
 */
const QUANTITY_KEYS = new Set(['requests', 'limits', 'sizeLimit']);

/** `desired` plus the applied-hash annotation; the hash covers everything else in it. */
export function withAppliedHash<T extends { metadata: { annotations?: Record<string, string> } }>(desired: T): T {
  const hash = `sha256:${sha256Hex(canonicalJson(desired))}`;
  return { ...desired, metadata: { ...desired.metadata, annotations: { ...desired.metadata.annotations, [APPLIED_HASH_ANNOTATION]: hash } } };
}

/**
 * Whether server-side apply of `desired` (already carrying its applied hash) would change
 * `observed`. The hash catches our own changes, including removed fields; the subset walk
 * catches someone else editing a field we own (drift). Fields others own, and defaults the
 * API server filled in, are ignored. Unchanged objects must make no request at all.
 * budget: operator-resync-writes (docs/budgets.md)
 */
export function needsApply(desired: object, observed: KubeObject | undefined): boolean {
  if (!observed) return true;
  // Items of a list carry no apiVersion/kind; the list already fixed both.
  const { apiVersion: _v, kind: _k, ...rest } = desired as { apiVersion?: unknown; kind?: unknown };
  return !isSubset(rest, observed, '');
}

function isSubset(desired: unknown, observed: unknown, key: string): boolean {
  if (QUANTITY_KEYS.has(key)) return observed !== undefined || isEmpty(desired);
  // Go's omitempty drops empty maps and lists, so `{}` we send may come back absent.
  if (observed === undefined || observed === null) return isEmpty(desired);
  if (Array.isArray(desired)) {
    if (!Array.isArray(observed) || observed.length !== desired.length) return false;
    return desired.every((d, i) => isSubset(d, observed[i], key));
  }
  if (typeof desired === 'object' && desired !== null) {
    if (typeof observed !== 'object' || Array.isArray(observed)) return false;
    const o = observed as Record<string, unknown>;
    return Object.entries(desired).every(([k, v]) => v === undefined || isSubset(v, o[k], k));
  }
  return desired === observed;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
