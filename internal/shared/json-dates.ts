/**
 * JSON turns Dates into ISO strings. Entities that crossed HTTP or the Redis cache get
 * their Dates back by this one rule: a field named `timestamp` or ending in `_at` whose
 * value is an ISO 8601 date-time string, at any depth. So a caller cannot tell where an
 * entity came from, and a free-text field that merely looks like a date stays a string.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const isDateField = (key: string): boolean => key.endsWith('_at') || key === 'timestamp';

/**
 * `value` with its date fields revived. Parts without a date field are returned as they
 * are, not copied: the cache hands out shared frozen values, and a hit should cost only
 * the objects that really change.
 */
export function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) {
    const items = value.map((v: unknown) => reviveDates(v));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const revived = typeof v === 'string' ? (isDateField(k) && ISO_DATE_TIME.test(v) ? new Date(v) : v) : reviveDates(v);
    if (revived === v) continue;
    out ??= { ...(value as Record<string, unknown>) };
    out[k] = revived;
  }
  return (out ?? value) as T;
}
