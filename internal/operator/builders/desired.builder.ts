import type { BotPlatform, ConfigMap, Deployment, Ingress, Service } from '../types.js';
import { DEFAULT_BUILDER_CONFIG, type BuilderConfig } from './builder-config.js';
import { buildConnectionsConfigMap } from './configmap.builder.js';
import { buildConnections, type ConnectionsDocument } from './connections.builder.js';
import { buildDeployments } from './deployment.builder.js';
import { buildIngress } from './ingress.builder.js';
import { buildServices } from './service.builder.js';

/** Everything a BotPlatform should own, plus the connections it publishes to Redis. */
export interface DesiredState {
  deployments: Deployment[];
  services: Service[];
  configMap: ConfigMap;
  ingress?: Ingress;
  connections: ConnectionsDocument;
}

/** All children at once; the reconciler applies these and deletes owned objects not listed. */
export function buildDesired(platform: BotPlatform, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): DesiredState {
  const desired: DesiredState = {
    deployments: buildDeployments(platform, config),
    services: buildServices(platform, config),
    configMap: buildConnectionsConfigMap(platform, config),
    connections: buildConnections(platform),
  };
  const ingress = buildIngress(platform, config);
  if (ingress) desired.ingress = ingress;
  return desired;
}
