import { connectionsChannel, connectionsHashKey, healthKey, type PlatformRef } from '../../connect/connection-keys.js';
import { DEFAULTS, type ServiceName } from '../types.js';

export { CONNECTIONS_META_FIELD } from '../../connect/connection-keys.js';

/** The Redis names of one BotPlatform (built by connect/connection-keys.ts, which the services read with). */
export interface RedisKeys {
  connections: string;
  connectionsChanged: string;
  health(service: ServiceName): string;
}

/** The platform's Redis names, with its (defaulted) key prefix. */
export function redisKeysFor(platform: { metadata: { name: string; namespace: string }; spec: { redis: { keyPrefix?: string } } }): RedisKeys {
  const ref: PlatformRef = {
    prefix: platform.spec.redis.keyPrefix ?? DEFAULTS.redisKeyPrefix,
    namespace: platform.metadata.namespace,
    name: platform.metadata.name,
  };
  return {
    connections: connectionsHashKey(ref),
    connectionsChanged: connectionsChannel(ref),
    health: (service) => healthKey(ref, service),
  };
}
