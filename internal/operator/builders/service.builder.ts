import { SERVICE_NAMES, SERVICE_PORTS, type BotPlatform, type Service, type ServiceName } from '../types.js';
import { DEFAULT_BUILDER_CONFIG, type BuilderConfig } from './builder-config.js';
import { childMeta, selectorLabels } from './metadata.js';
import { isDeployed, resolveSpec } from './resolve.js';

/** The ClusterIP Service in front of a service's Deployment; undefined when it has none. */
export function buildService(platform: BotPlatform, service: ServiceName, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): Service | undefined {
  if (!isDeployed(resolveSpec(platform.spec).services[service].connectionMethod)) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(platform, service, config),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(platform, service),
      ports: [{ name: 'http', port: SERVICE_PORTS[service], targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

export function buildServices(platform: BotPlatform, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): Service[] {
  return SERVICE_NAMES.flatMap((service) => buildService(platform, service, config) ?? []);
}
