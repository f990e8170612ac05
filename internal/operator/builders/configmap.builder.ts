import type { BotPlatform, ConfigMap } from '../types.js';
import { CONNECTIONS_KEY, DEFAULT_BUILDER_CONFIG, type BuilderConfig } from './builder-config.js';
import { buildConnections } from './connections.builder.js';
import { childMeta } from './metadata.js';

/**
 * ConfigMap `{name}-connections` with key connections.json, mounted into every pod. It
 * holds methods and URLs only: secrets reach pods through secretKeyRef, never here.
 */
export function buildConnectionsConfigMap(platform: BotPlatform, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: childMeta(platform, 'connections', config),
    data: { [CONNECTIONS_KEY]: `${JSON.stringify(buildConnections(platform), null, 2)}\n` },
  };
}
