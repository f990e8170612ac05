/**
 * Types of the BotPlatform custom resource (DESIGN.md section 6) and the minimal
 * Kubernetes object shapes the pure builders produce.
 *
 * The OpenAPI schema in crd/botplatform.crd.ts is the source of truth the API server
 * enforces; these types mirror it, and crd/botplatform.crd.test.ts walks both to prove
 * they name the same fields.
 *
 * Kubernetes shapes that would be copies come from @kubernetes/client-node as type-only
 * imports. Only kube/ imports that package at run time (loading it costs ~70 MB of RSS,
 * see kube/kube.config.ts); `import type` is erased at compile time, so types.js imports
 * nothing and the builders stay free of it. The shapes kept here are narrower than their
 * V1 types (literal kinds, fields the builders always set), and the checks at the end
 * prove they still fit them. budget: operator-rss (docs/budgets.md)
 */

import type {
  V1ConfigMap,
  V1Container,
  V1Deployment,
  V1Ingress,
  V1ObjectMeta,
  V1OwnerReference,
  V1PodTemplateSpec,
  V1ResourceRequirements,
  V1Service,
  V1VolumeMount,
} from '@kubernetes/client-node';

export const API_GROUP = 'botplatform.io';
export const API_VERSION = 'v1alpha1';
export const KIND = 'BotPlatform';
export const PLURAL = 'botplatforms';

export const SERVICE_NAMES = ['api', 'bot', 'web'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const CONNECTION_METHODS = ['router', 'rest', 'hybrid', 'disabled'] as const;
export type ConnectionMethod = (typeof CONNECTION_METHODS)[number];

export const BOT_MODES = ['polling', 'webhook'] as const;
export type BotMode = (typeof BOT_MODES)[number];

/** Same levels as internal/shared/config.ts accepts for LOG_LEVEL. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export type ImagePullPolicy = (typeof IMAGE_PULL_POLICIES)[number];

export const SERVICE_PORTS: Readonly<Record<ServiceName, number>> = { api: 8000, bot: 8001, web: 8002 };

/**
 * Where a service runs in-process (DESIGN.md section 5): api inside bot and web, bot
 * inside web, web inside api. A router service needs at least one of its hosts to have
 * its own Deployment (method rest or hybrid); hosting is not transitive, because a
 * router service has no pods of its own to host anything.
 */
export const IN_PROCESS_HOSTS: Readonly<Record<ServiceName, readonly ServiceName[]>> = {
  api: ['bot', 'web'],
  bot: ['web'],
  web: ['api'],
};

/** Methods that give a service its own Deployment and Service. */
export const DEPLOYED_METHODS: readonly ConnectionMethod[] = ['rest', 'hybrid'];

/** Defaults written into the CRD schema (the API server fills them) and used by the builders. */
export const DEFAULTS = {
  mode: 'polling',
  mongoDatabase: 'bot_manager',
  redisKeyPrefix: 'botplatform',
  connectionMethod: 'rest',
  replicas: 1,
  logLevel: 'info',
} as const satisfies {
  mode: BotMode;
  mongoDatabase: string;
  redisKeyPrefix: string;
  connectionMethod: ConnectionMethod;
  replicas: number;
  logLevel: LogLevel;
};

export const BOUNDS = {
  minReplicas: 0,
  maxReplicas: 50,
  /** `{name}-api` must be a DNS-1035 label (63 chars) for the Service name. */
  maxNameLength: 59,
} as const;

/** Annotations the operator reads or writes. */
export const ANNOTATIONS = {
  paused: 'botplatform.io/paused',
  configChecksum: 'botplatform.io/config-checksum',
} as const;

export const CONDITION_TYPES = ['Ready', 'Progressing', 'Degraded', 'ConfigSynced', 'RedisSynced', 'ApiReady', 'BotReady', 'WebReady'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

// ---------------------------------------------------------------------------
// BotPlatform spec and status, as stored (fields with a schema default are optional
// here, because a builder may be handed an object that never went through the API server).

export interface SecretKeyRef {
  name: string;
  key: string;
}

export interface WebhookSpec {
  /** Public HTTPS URL Telegram posts updates to. */
  url?: string;
  /** Secret with the `secret_token` Telegram echoes in X-Telegram-Bot-Api-Secret-Token. */
  secretTokenSecretRef?: SecretKeyRef;
}

export interface TelegramSpec {
  tokenSecretRef: SecretKeyRef;
  mode?: BotMode;
  webhook?: WebhookSpec;
}

export interface MongoSpec {
  uriSecretRef: SecretKeyRef;
  database?: string;
}

export interface RedisSpec {
  url: string;
  keyPrefix?: string;
}

/** A Kubernetes quantity: "100m", "256Mi" or a plain number. */
export type Quantity = string | number;

export interface ResourceRequirements {
  requests?: Record<string, Quantity>;
  limits?: Record<string, Quantity>;
}

export interface ServiceSpec {
  connectionMethod?: ConnectionMethod;
  replicas?: number;
  resources?: ResourceRequirements;
}

export interface IngressSpec {
  host: string;
  className?: string;
  tlsSecretName?: string;
}

export interface WebServiceSpec extends ServiceSpec {
  ingress?: IngressSpec;
}

export interface ServicesSpec {
  api?: ServiceSpec;
  bot?: ServiceSpec;
  web?: WebServiceSpec;
}

export interface BotPlatformSpec {
  image: string;
  imagePullPolicy?: ImagePullPolicy;
  telegram: TelegramSpec;
  mongodb: MongoSpec;
  redis: RedisSpec;
  services?: ServicesSpec;
  logLevel?: LogLevel;
  /** Telegram user ids of the platform admins (PLATFORM_ADMINS): they see every group in the dashboard. */
  platformAdmins?: number[];
}

/** metav1.Condition. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface ServiceStatus {
  method: ConnectionMethod;
  replicas?: number;
  readyReplicas?: number;
  /** In-cluster URL for rest/hybrid; absent for router and disabled. */
  endpoint?: string;
}

export interface BotPlatformStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  services?: Partial<Record<ServiceName, ServiceStatus>>;
  connectionsHash?: string;
}

export interface BotPlatform {
  apiVersion: `${typeof API_GROUP}/${typeof API_VERSION}`;
  kind: typeof KIND;
  metadata: ObjectMeta & { name: string; namespace: string; uid: string };
  spec: BotPlatformSpec;
  status?: BotPlatformStatus;
}

// ---------------------------------------------------------------------------
// Minimal Kubernetes shapes the builders emit (subsets of the core/apps/networking v1 types).

export type OwnerReference = V1OwnerReference;

/**
 * The fields of metav1.ObjectMeta the operator reads. Not the timestamps: client-node
 * types them as Date (its deserializer makes them so), but the raw JSON read through
 * kube/ carries strings.
 */
export type ObjectMeta = Pick<V1ObjectMeta, 'name' | 'namespace' | 'uid' | 'generation' | 'labels' | 'annotations' | 'ownerReferences'>;

/** Metadata of an object the operator owns: always named, namespaced and owned. */
export interface ChildMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences: OwnerReference[];
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string; optional?: boolean } };
}

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: 'TCP';
}

export interface Probe {
  httpGet: { path: string; port: string };
  initialDelaySeconds?: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}

export type VolumeMount = V1VolumeMount;

/** Quantities as the Pod API's typed clients carry them: always strings. */
export type ContainerResources = Pick<V1ResourceRequirements, 'requests' | 'limits'>;

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: ImagePullPolicy;
  command: string[];
  ports: ContainerPort[];
  env: EnvVar[];
  resources: ContainerResources;
  livenessProbe: Probe;
  readinessProbe: Probe;
  volumeMounts: VolumeMount[];
  securityContext: {
    runAsNonRoot: boolean;
    allowPrivilegeEscalation: boolean;
    readOnlyRootFilesystem: boolean;
    capabilities: { drop: string[] };
    seccompProfile: { type: 'RuntimeDefault' };
  };
}

export type Volume =
  { name: string; configMap: { name: string; items?: { key: string; path: string }[] } } | { name: string; emptyDir: { sizeLimit?: string; medium?: string } };

export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    automountServiceAccountToken: boolean;
    enableServiceLinks: boolean;
    terminationGracePeriodSeconds: number;
    securityContext: { runAsNonRoot: boolean; seccompProfile: { type: 'RuntimeDefault' } };
    containers: Container[];
    volumes: Volume[];
  };
}

export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ChildMeta;
  spec: {
    replicas: number;
    revisionHistoryLimit: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate;
  };
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ChildMeta;
  spec: {
    type: 'ClusterIP';
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: string; protocol: 'TCP' }[];
  };
}

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ChildMeta;
  data: Record<string, string>;
}

export interface Ingress {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'Ingress';
  metadata: ChildMeta;
  spec: {
    ingressClassName?: string;
    tls?: { hosts: string[]; secretName: string }[];
    rules: {
      host: string;
      http: { paths: { path: string; pathType: 'Prefix' | 'Exact'; backend: { service: { name: string; port: { name: string } } } }[] };
    }[];
  };
}

/** Compiles only when `Narrow` can be sent where client-node's `Wide` is expected. */
type Fits<Narrow extends Wide, Wide> = [Narrow, Wide];
type _BuilderShapesFitV1 = [
  Fits<Container, V1Container>,
  Fits<PodTemplate, V1PodTemplateSpec>,
  Fits<Deployment, V1Deployment>,
  Fits<Service, V1Service>,
  Fits<ConfigMap, V1ConfigMap>,
  Fits<Ingress, V1Ingress>,
];
