import { DEFAULTS, type ServiceName } from '../types.js';

/**
 * Redis names shared by the operator and the services (DESIGN.md section 5). Both sides
 * import these functions so a typo cannot split them.
 */
export interface RedisKeys {
  /** Hash: one field per service (its JSON) plus `_meta`. */
  connections: string;
  /** Pub/sub channel carrying the new connections hash after each change. */
  connectionsChanged: string;
  /** Per-service liveness key, set by the service with a 60 s TTL. */
  health(service: ServiceName): string;
}

export function redisKeys(prefix: string, namespace: string, name: string): RedisKeys {
  const base = `${prefix}:${namespace}:${name}`;
  return {
    connections: `${base}:connections`,
    connectionsChanged: `${base}:connections:changed`,
    health: (service) => `${base}:health:${service}`,
  };
}

/** Field of the connections hash that holds `{hash, generation, updatedAt}`. */
export const CONNECTIONS_META_FIELD = '_meta';

/** TTL of the health keys, in seconds. */
export const HEALTH_TTL_SECONDS = 60;

/** The Redis names of one BotPlatform, with its (defaulted) key prefix. */
export function redisKeysFor(platform: { metadata: { name: string; namespace: string }; spec: { redis: { keyPrefix?: string } } }): RedisKeys {
  return redisKeys(platform.spec.redis.keyPrefix ?? DEFAULTS.redisKeyPrefix, platform.metadata.namespace, platform.metadata.name);
}
