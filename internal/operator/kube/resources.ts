import { API_GROUP, API_VERSION, PLURAL } from '../types.js';

/** The kinds the operator touches, with where each lives in the API. */
export const RESOURCES = {
  BotPlatform: { group: API_GROUP, version: API_VERSION, plural: PLURAL },
  Deployment: { group: 'apps', version: 'v1', plural: 'deployments' },
  Service: { group: '', version: 'v1', plural: 'services' },
  ConfigMap: { group: '', version: 'v1', plural: 'configmaps' },
  Ingress: { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses' },
  Secret: { group: '', version: 'v1', plural: 'secrets' },
  Event: { group: '', version: 'v1', plural: 'events' },
  Lease: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' },
} as const;

export type ResourceKind = keyof typeof RESOURCES;

/** Children a BotPlatform owns, in the order they are applied. */
export const CHILD_KINDS = ['ConfigMap', 'Service', 'Deployment', 'Ingress'] as const satisfies readonly ResourceKind[];
export type ChildKind = (typeof CHILD_KINDS)[number];

/** `/apis/apps/v1/namespaces/ns/deployments[/name]`; cluster-wide when namespace is undefined. */
export function resourcePath(kind: ResourceKind, namespace?: string, name?: string): string {
  const r = RESOURCES[kind];
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = namespace ? `/namespaces/${namespace}` : '';
  return `${base}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

export function apiVersionOf(kind: ResourceKind): string {
  const r = RESOURCES[kind];
  return r.group ? `${r.group}/${r.version}` : r.version;
}
