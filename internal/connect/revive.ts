/**
 * JSON turns Dates into ISO strings. Entities that crossed HTTP or the Redis cache are
 * given their Dates back (fields ending in `_at`, and `timestamp`), so a caller cannot
 * tell where an entity came from.
 */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isDateKey = (k: string) => k.endsWith('_at') || k === 'timestamp';

export function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reviveDates(v)) as T;
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = typeof v === 'string' && isDateKey(k) && ISO.test(v) ? new Date(v) : typeof v === 'object' && v !== null ? reviveDates(v) : v;
  }
  return out as T;
}
