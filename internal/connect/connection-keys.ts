import type { ServiceName } from './connections.schema.js';

/** Redis names shared by the operator (writer) and the services (readers), DESIGN.md section 5. */
export interface PlatformRef {
  prefix: string;
  namespace: string;
  name: string;
}

const base = (p: PlatformRef) => `${p.prefix}:${p.namespace}:${p.name}`;

export const connectionsHashKey = (p: PlatformRef) => `${base(p)}:connections`;
export const connectionsChannel = (p: PlatformRef) => `${base(p)}:connections:changed`;
export const healthKey = (p: PlatformRef, service: ServiceName) => `${base(p)}:health:${service}`;
export const HEALTH_TTL_S = 60;
