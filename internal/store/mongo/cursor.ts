import { decodeCursor, type SortSpec } from '../../domain/common/pagination.js';

type Filter = Record<string, unknown>;

/** Entity field -> stored field: actions and logs keep their string id in `_id`. */
const stored = (field: string) => (field === 'id' ? '_id' : field);

export function mongoSort<T>(spec: SortSpec<T>): Record<string, 1 | -1> {
  return Object.fromEntries(spec.map((f) => [stored(f.field), f.dir]));
}

/**
 * Keyset condition "after the cursor row" under `spec`:
 * (a > x) or (a = x and b > y) or ..., with < for descending fields.
 */
export function afterCursor<T>(spec: SortSpec<T>, cursor: string | undefined): Filter {
  if (cursor === undefined) return {};
  const key = decodeCursor(spec, cursor);
  const values = spec.map((f, i) => (f.type === 'date' ? new Date(Number(key[i])) : key[i]));
  const or: Filter[] = spec.map((f, i) => {
    const clause: Filter = {};
    for (let j = 0; j < i; j += 1) {
      const prev = spec[j];
      if (prev) clause[stored(prev.field)] = values[j];
    }
    clause[stored(f.field)] = { [f.dir === 1 ? '$gt' : '$lt']: values[i] };
    return clause;
  });
  return { $or: or };
}

export function and(...filters: Filter[]): Filter {
  const parts = filters.filter((f) => Object.keys(f).length > 0);
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0] ?? {};
  return { $and: parts };
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
