import { API_GROUP, API_VERSION, KIND, type BotPlatform, type ChildMeta, type OwnerReference, type ServiceName } from '../types.js';
import type { BuilderConfig } from './builder-config.js';

export type Component = ServiceName | 'connections';

/** `{name}-{component}`: the name of every child (Deployment, Service, ConfigMap, Ingress). */
export function childName(platform: BotPlatform, component: Component): string {
  return `${platform.metadata.name}-${component}`;
}

/**
 * The labels a Deployment selects its pods by. Kept to the three that never change,
 * because a Deployment's selector is immutable.
 */
export function selectorLabels(platform: BotPlatform, component: Component): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'botplatform',
    'app.kubernetes.io/instance': platform.metadata.name,
    'app.kubernetes.io/component': component,
  };
}

export function childLabels(platform: BotPlatform, component: Component, config: BuilderConfig): Record<string, string> {
  return {
    ...selectorLabels(platform, component),
    'app.kubernetes.io/managed-by': config.managedBy,
    'app.kubernetes.io/part-of': 'botplatform',
  };
}

/** Makes the BotPlatform the controller of a child, so deleting it collects the child. */
export function ownerReference(platform: BotPlatform): OwnerReference {
  return {
    apiVersion: `${API_GROUP}/${API_VERSION}`,
    kind: KIND,
    name: platform.metadata.name,
    uid: platform.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function childMeta(platform: BotPlatform, component: Component, config: BuilderConfig): ChildMeta {
  return {
    name: childName(platform, component),
    namespace: platform.metadata.namespace,
    labels: childLabels(platform, component, config),
    ownerReferences: [ownerReference(platform)],
  };
}
