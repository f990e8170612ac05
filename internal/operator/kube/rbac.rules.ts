import { API_GROUP, PLURAL } from '../types.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/**
 * Every API call KubeClient and the informers make, as RBAC rules: the least privilege
 * the operator needs. The chart's ClusterRole (or Role per WATCH_NAMESPACE) should be
 * generated from or checked against this list; kube.rbac.apiserver.test.ts runs the
 * reconciler and informers with a ServiceAccount bound to exactly these rules.
 */
export const OPERATOR_RULES: readonly PolicyRule[] = [
  // list/watch (informer; reconcile reads its cache), get (reads before the cache has
  // synced), patch (finalizer merge patch).
  { apiGroups: [API_GROUP], resources: [PLURAL], verbs: ['get', 'list', 'watch', 'patch'] },
  { apiGroups: [API_GROUP], resources: [`${PLURAL}/status`], verbs: ['patch'] },
  // blockOwnerDeletion on children needs update on the owner's finalizers where the
  // OwnerReferencesPermissionEnforcement admission plugin is on (OpenShift, hardened clusters).
  { apiGroups: [API_GROUP], resources: [`${PLURAL}/finalizers`], verbs: ['update'] },
  // Server-side apply of an object that does not exist yet is a create as well as a patch.
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'watch', 'create', 'patch', 'delete'] },
  { apiGroups: [''], resources: ['services', 'configmaps'], verbs: ['list', 'watch', 'create', 'patch', 'delete'] },
  // watch: a hand-deleted or edited Ingress wakes its owner, like the other children.
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['list', 'watch', 'create', 'patch', 'delete'] },
  // Existence and key names only; values never leave KubeClient.secretKeys.
  { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create'] },
];

/** In LEASE_NAMESPACE only (a Role), when leader election is on. */
export const LEADER_ELECTION_RULES: readonly PolicyRule[] = [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }];
