import { SERVICE_NAMES, SERVICE_PORTS, type BotPlatform, type ConnectionMethod, type ServiceName } from '../types.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { childName } from './metadata.js';
import { CONNECTIONS_META_FIELD } from './redis-keys.js';
import { isDeployed, resolveSpec } from './resolve.js';

export interface ServiceConnection {
  method: ConnectionMethod;
  /** The in-cluster URL of the service's own Service; null for router and disabled. */
  url: string | null;
}

export type ConnectionsMap = Record<ServiceName, ServiceConnection>;

/** The document of DESIGN.md section 5, in the ConfigMap and (split by field) in Redis. */
export interface ConnectionsDocument {
  platform: string;
  generation: number;
  hash: string;
  services: ConnectionsMap;
}

export function serviceUrl(platform: BotPlatform, service: ServiceName): string {
  return `http://${childName(platform, service)}.${platform.metadata.namespace}.svc:${SERVICE_PORTS[service]}`;
}

export function buildConnectionsMap(platform: BotPlatform): ConnectionsMap {
  const spec = resolveSpec(platform.spec);
  const entry = (service: ServiceName): ServiceConnection => {
    const method = spec.services[service].connectionMethod;
    return { method, url: isDeployed(method) ? serviceUrl(platform, service) : null };
  };
  return { api: entry('api'), bot: entry('bot'), web: entry('web') };
}

/**
 * `sha256:<hex>` over the canonical JSON of the services map only. Leaving out platform
 * and generation keeps the hash equal across generations that do not change any method
 * or URL (a replica or image change), so the operator skips the Redis write and the
 * publish, and services compare one string to know whether anything changed.
 */
export function connectionsHash(services: ConnectionsMap): string {
  return `sha256:${sha256Hex(canonicalJson(services))}`;
}

export function buildConnections(platform: BotPlatform): ConnectionsDocument {
  const services = buildConnectionsMap(platform);
  return {
    platform: `${platform.metadata.namespace}/${platform.metadata.name}`,
    generation: platform.metadata.generation ?? 0,
    hash: connectionsHash(services),
    services,
  };
}

/**
 * The fields of the Redis connections hash: one JSON per service and `_meta`. The
 * caller passes `updatedAt` (the clock stays out of builders).
 */
export function connectionsRedisFields(doc: ConnectionsDocument, updatedAt: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const service of SERVICE_NAMES) fields[service] = JSON.stringify(doc.services[service]);
  fields[CONNECTIONS_META_FIELD] = JSON.stringify({ hash: doc.hash, generation: doc.generation, updatedAt });
  return fields;
}
