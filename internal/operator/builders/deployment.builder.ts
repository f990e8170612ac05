import {
  ANNOTATIONS,
  SERVICE_NAMES,
  SERVICE_PORTS,
  type BotPlatform,
  type Container,
  type ContainerResources,
  type Deployment,
  type Probe,
  type Quantity,
  type ResourceRequirements,
  type ServiceName,
} from '../types.js';
import { CONNECTIONS_DIR, CONNECTIONS_KEY, DEFAULT_BUILDER_CONFIG, type BuilderConfig } from './builder-config.js';
import { podChecksum } from './checksum.js';
import { buildEnv } from './env.builder.js';
import { childLabels, childMeta, childName, selectorLabels } from './metadata.js';
import { isDeployed, resolveSpec } from './resolve.js';

const probe = (path: string, periodSeconds: number): Probe => ({
  httpGet: { path, port: 'http' },
  periodSeconds,
  timeoutSeconds: 2,
  failureThreshold: 3,
});

const quantities = (map: Record<string, Quantity>): Record<string, string> => Object.fromEntries(Object.entries(map).map(([name, q]) => [name, String(q)]));

/**
 * The CRD accepts int-or-string quantities (`memory: 134217728`); the Pod API's typed
 * clients carry strings, and the server stores the same canonical value either way.
 */
function containerResources(resources: ResourceRequirements | undefined): ContainerResources {
  const out: ContainerResources = {};
  if (resources?.requests) out.requests = quantities(resources.requests);
  if (resources?.limits) out.limits = quantities(resources.limits);
  return out;
}

/**
 * The Deployment of one service, or undefined when its method is router or disabled
 * (those have no pods of their own). Deterministic: the only annotation is the
 * checksum, which rolls the pods exactly when their start-up inputs change.
 */
export function buildDeployment(platform: BotPlatform, service: ServiceName, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): Deployment | undefined {
  const spec = resolveSpec(platform.spec);
  const own = spec.services[service];
  if (!isDeployed(own.connectionMethod)) return undefined;

  const container: Container = {
    name: service,
    image: spec.image,
    ...(spec.imagePullPolicy ? { imagePullPolicy: spec.imagePullPolicy } : {}),
    command: ['node', `dist/cmd/${service}/main.js`],
    ports: [{ name: 'http', containerPort: SERVICE_PORTS[service], protocol: 'TCP' }],
    env: buildEnv(platform, service),
    resources: containerResources(own.resources),
    livenessProbe: probe('/healthz', 10),
    readinessProbe: probe('/readyz', 5),
    volumeMounts: [
      // A directory mount, not subPath: the kubelet refreshes directory mounts when the
      // ConfigMap changes, which is the file fallback for a live method switch.
      { name: 'connections', mountPath: CONNECTIONS_DIR, readOnly: true },
      // The root filesystem is read-only; Node and its libraries still want a /tmp.
      { name: 'tmp', mountPath: '/tmp' },
    ],
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };

  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: childMeta(platform, service, config),
    spec: {
      replicas: own.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(platform, service) },
      template: {
        metadata: {
          labels: childLabels(platform, service, config),
          annotations: { [ANNOTATIONS.configChecksum]: podChecksum(platform, service) },
        },
        spec: {
          // The services never call the Kubernetes API.
          automountServiceAccountToken: false,
          // Service links would inject {NAME}_API_PORT=tcp://... style variables that
          // collide with the services' own config.
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container],
          volumes: [
            { name: 'connections', configMap: { name: childName(platform, 'connections'), items: [{ key: CONNECTIONS_KEY, path: CONNECTIONS_KEY }] } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
}

/** One Deployment per service whose method is rest or hybrid, in the order api, bot, web. */
export function buildDeployments(platform: BotPlatform, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): Deployment[] {
  return SERVICE_NAMES.flatMap((service) => buildDeployment(platform, service, config) ?? []);
}
