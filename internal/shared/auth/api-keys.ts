import { LRUCache } from 'lru-cache';
import { createHash, timingSafeEqual } from 'node:crypto';

/** A service key: `bot`, `web`, `admin`, ... from env `API_KEYS` (`name:key,name:key`). */
export interface ServiceKey {
  name: string;
  digest: Buffer;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Parses `API_KEYS`; throws with a message naming the bad entry (never the key). */
export function parseApiKeys(spec: string | undefined): ServiceKey[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const sep = entry.indexOf(':');
      const name = entry.slice(0, sep);
      const key = entry.slice(sep + 1);
      if (sep <= 0 || !/^[a-z][a-z0-9-]{0,31}$/.test(name) || key.length < 16) {
        throw new Error(`API_KEYS entry ${i + 1} must be name:key with a lowercase name and a key of at least 16 characters`);
      }
      return { name, digest: digest(key) };
    });
}

/**
 * Digests of recently presented tokens. A sha256 per request was a measurable share of a
 * cached read; the comparison itself stays a constant-time sweep over every key. Bounded,
 * and least recently used first out, so a flood of made-up tokens only costs the digests.
 * budget: api-cached-read (docs/budgets.md)
 */
const digests = new LRUCache<string, Buffer>({ max: 256 });

function digestOf(presented: string): Buffer {
  let known = digests.get(presented);
  if (!known) {
    known = digest(presented);
    digests.set(presented, known);
  }
  return known;
}

/**
 * Finds the service a presented key belongs to. Digests have one length whatever the
 * input, and every key is compared (no early exit), so timing reveals neither which
 * key nearly matched nor how long the keys are.
 */
export function matchApiKey(keys: readonly ServiceKey[], presented: string): string | undefined {
  const candidate = digestOf(presented);
  let found: string | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.digest, candidate) && found === undefined) found = key.name;
  }
  return found;
}
