import { z } from 'zod';
import { AppError } from '../../shared/errors.js';

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** `{items, next_cursor}` of a list answer as a schema, for the OpenAPI documents. */
export const pageSchema = (item: z.ZodType) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(512).optional(),
};

/** One field of a keyset sort; the last field of a spec must be unique. */
export interface SortField<T> {
  field: keyof T & string;
  dir: 1 | -1;
  type: 'number' | 'string' | 'date';
}
export type SortSpec<T> = readonly SortField<T>[];

/** A sort key as it travels inside a cursor: dates as epoch milliseconds. */
export type SortKey = (number | string)[];

export function sortKeyOf<T>(spec: SortSpec<T>, row: T): SortKey {
  return spec.map((f) => {
    const v = row[f.field];
    if (v instanceof Date) return v.getTime();
    return typeof v === 'number' ? v : String(v);
  });
}

/** Negative when `a` sorts before `b` under `spec`. */
export function compareKeys<T>(spec: SortSpec<T>, a: SortKey, b: SortKey): number {
  for (let i = 0; i < spec.length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y || x === undefined || y === undefined) continue;
    const c = x < y ? -1 : 1;
    return c * (spec[i]?.dir ?? 1);
  }
  return 0;
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Opaque to callers; a tampered cursor is their mistake, so it is a 400, never a 500. */
export function decodeCursor<T>(spec: SortSpec<T>, cursor: string): SortKey {
  const bad = () => AppError.validation('invalid cursor', [{ path: 'cursor', message: 'not a cursor issued by this list' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== spec.length) throw bad();
  const key: SortKey = [];
  spec.forEach((f, i) => {
    const v: unknown = parsed[i];
    const ok = f.type === 'string' ? typeof v === 'string' : typeof v === 'number' && Number.isFinite(v);
    if (!ok) throw bad();
    key.push(v as number | string);
  });
  return key;
}

/** Builds the page answer from `limit + 1` rows fetched in sort order. */
export function toPage<T>(spec: SortSpec<T>, rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(sortKeyOf(spec, last)) : null };
}
