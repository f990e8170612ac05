import type { ServiceName } from './connections.schema.js';

/**
 * Redis names shared by the operator (writer) and the services (readers), DESIGN.md
 * section 5. Both sides build them here, so a typo cannot split them.
 */
export interface PlatformRef {
  prefix: string;
  namespace: string;
  name: string;
}

/** The platform a service belongs to, from its env; none without Redis and a BotPlatform name. */
export function platformRefOf(env: {
  REDIS_URL?: string | undefined;
  REDIS_KEY_PREFIX: string;
  BOTPLATFORM_NAMESPACE: string;
  BOTPLATFORM_NAME?: string | undefined;
}): PlatformRef | undefined {
  return env.REDIS_URL && env.BOTPLATFORM_NAME ? { prefix: env.REDIS_KEY_PREFIX, namespace: env.BOTPLATFORM_NAMESPACE, name: env.BOTPLATFORM_NAME } : undefined;
}

const base = (p: PlatformRef) => `${p.prefix}:${p.namespace}:${p.name}`;

/** Hash: one field per service (its JSON) plus CONNECTIONS_META_FIELD. */
export const connectionsHashKey = (p: PlatformRef) => `${base(p)}:connections`;
/** Pub/sub channel carrying the new connections hash after each change. */
export const connectionsChannel = (p: PlatformRef) => `${base(p)}:connections:changed`;
/** Per-service liveness key, set by the service with a HEALTH_TTL_S expiry. */
export const healthKey = (p: PlatformRef, service: ServiceName) => `${base(p)}:health:${service}`;
/** Field of the connections hash that holds `{hash, generation, updatedAt}`. */
export const CONNECTIONS_META_FIELD = '_meta';
export const HEALTH_TTL_S = 60;
