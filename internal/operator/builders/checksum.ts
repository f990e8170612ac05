import type { BotPlatform, ServiceName } from '../types.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { buildEnv } from './env.builder.js';
import { inProcessServices, resolveSpec } from './resolve.js';

/**
 * What a service's process reads once at start-up, so a change must restart its pods:
 * the image, the env (secret *references*, never values), and the router services it
 * runs in-process. Connection methods among rest, hybrid and disabled are left out on
 * purpose: services pick those up live from Redis, and rolling pods for them would
 * undo the point of a live switch. A move to or from router changes the in-process
 * set of the hosts only, so only their Deployments roll.
 *
 * Rotating a Secret's value does not change this checksum (values are not inputs);
 * restart the Deployments to pick up a rotated secret.
 */
export function podChecksum(platform: BotPlatform, service: ServiceName): string {
  const spec = resolveSpec(platform.spec);
  const inputs = {
    image: spec.image,
    imagePullPolicy: spec.imagePullPolicy ?? null,
    env: buildEnv(platform, service),
    inProcess: inProcessServices(spec, service),
  };
  return `sha256:${sha256Hex(canonicalJson(inputs))}`;
}
