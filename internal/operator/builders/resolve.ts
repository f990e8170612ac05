import {
  DEFAULTS,
  DEPLOYED_METHODS,
  IN_PROCESS_HOSTS,
  SERVICE_NAMES,
  type BotMode,
  type BotPlatformSpec,
  type ConnectionMethod,
  type ImagePullPolicy,
  type IngressSpec,
  type LogLevel,
  type ResourceRequirements,
  type SecretKeyRef,
  type ServiceName,
  type WebhookSpec,
} from '../types.js';

export interface ResolvedService {
  connectionMethod: ConnectionMethod;
  replicas: number;
  resources?: ResourceRequirements;
  ingress?: IngressSpec;
}

/** A spec with every schema default applied, so builders and validation never guess. */
export interface ResolvedSpec {
  image: string;
  imagePullPolicy?: ImagePullPolicy;
  telegram: { tokenSecretRef: SecretKeyRef; mode: BotMode; webhook?: WebhookSpec };
  mongodb: { uriSecretRef: SecretKeyRef; database: string };
  redis: { url: string; keyPrefix: string };
  services: Record<ServiceName, ResolvedService>;
  logLevel: LogLevel;
  platformAdmins: number[];
}

/**
 * Applies the same defaults the API server fills in from the CRD schema. Objects read
 * from the server are already defaulted; this makes builders total for hand-made
 * objects too (tests, dry runs) and keeps one definition of each default (DEFAULTS).
 */
export function resolveSpec(spec: BotPlatformSpec): ResolvedSpec {
  const service = (name: ServiceName): ResolvedService => {
    const s = spec.services?.[name];
    const resolved: ResolvedService = {
      connectionMethod: s?.connectionMethod ?? DEFAULTS.connectionMethod,
      replicas: s?.replicas ?? DEFAULTS.replicas,
    };
    if (s?.resources) resolved.resources = s.resources;
    const ingress = name === 'web' ? spec.services?.web?.ingress : undefined;
    if (ingress) resolved.ingress = ingress;
    return resolved;
  };
  const resolved: ResolvedSpec = {
    image: spec.image,
    telegram: { tokenSecretRef: spec.telegram.tokenSecretRef, mode: spec.telegram.mode ?? DEFAULTS.mode },
    mongodb: { uriSecretRef: spec.mongodb.uriSecretRef, database: spec.mongodb.database ?? DEFAULTS.mongoDatabase },
    redis: { url: spec.redis.url, keyPrefix: spec.redis.keyPrefix ?? DEFAULTS.redisKeyPrefix },
    services: { api: service('api'), bot: service('bot'), web: service('web') },
    logLevel: spec.logLevel ?? DEFAULTS.logLevel,
    platformAdmins: spec.platformAdmins ?? [],
  };
  if (spec.imagePullPolicy) resolved.imagePullPolicy = spec.imagePullPolicy;
  if (spec.telegram.webhook) resolved.telegram.webhook = spec.telegram.webhook;
  return resolved;
}

/** rest and hybrid services have their own Deployment; router and disabled do not. */
export function isDeployed(method: ConnectionMethod): boolean {
  return DEPLOYED_METHODS.includes(method);
}

/** Services with their own Deployment, in the fixed order api, bot, web. */
export function deployedServices(spec: ResolvedSpec): ServiceName[] {
  return SERVICE_NAMES.filter((name) => isDeployed(spec.services[name].connectionMethod));
}

/**
 * The router services that run in-process inside `host`'s pods. A router service runs in
 * every one of its hosts that has a Deployment (DESIGN.md section 5).
 */
export function inProcessServices(spec: ResolvedSpec, host: ServiceName): ServiceName[] {
  return SERVICE_NAMES.filter((guest) => spec.services[guest].connectionMethod === 'router' && IN_PROCESS_HOSTS[guest].includes(host));
}
