import type { BotPlatform, SecretKeyRef } from '../types.js';
import { buildEnv } from './env.builder.js';

/**
 * Every Secret key the pods read, for the reconciler's "do the Secrets exist?" step.
 * Derived from the env builder so the check and the pods can never disagree; includes
 * `{name}-platform` (api-key, jwt-secret). Deduplicated, in env order.
 */
export function secretReferences(platform: BotPlatform): SecretKeyRef[] {
  const seen = new Set<string>();
  const refs: SecretKeyRef[] = [];
  for (const env of buildEnv(platform, 'api')) {
    const ref = env.valueFrom?.secretKeyRef;
    if (!ref || seen.has(`${ref.name}/${ref.key}`)) continue;
    seen.add(`${ref.name}/${ref.key}`);
    refs.push({ name: ref.name, key: ref.key });
  }
  return refs;
}
