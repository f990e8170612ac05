import { compareKeys, decodeCursor, sortKeyOf, toPage, type Page, type PageRequest, type SortKey, type SortSpec } from '../../domain/common/pagination.js';
import { toError } from '../../shared/errors.js';

/** Rows of one collection (or one group's slice of it) with a lazily sorted view. */
export class OrderedTable<T> {
  private readonly rows = new Map<string, T>();
  /**
   * Sorted [key, row] pairs, kept up to date by binary insert/replace/remove so hot lists
   * never re-sort (groups, users, actions, logs have immutable sort keys); built lazily.
   * budget: api-latency (docs/budgets.md)
   */
  private sorted: [SortKey, T][] | null = null;

  constructor(private readonly spec: SortSpec<T>) {}

  get size(): number {
    return this.rows.size;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  set(key: string, row: T): void {
    const old = this.rows.get(key);
    this.rows.set(key, row);
    const sorted = this.sorted;
    if (!sorted) return;
    const k = sortKeyOf(this.spec, row);
    if (old !== undefined) {
      const i = this.indexOf(sorted, sortKeyOf(this.spec, old));
      if (i < 0) {
        this.sorted = null;
        return;
      }
      if (compareKeys(this.spec, sorted[i]?.[0] ?? [], k) === 0) {
        sorted[i] = [k, row];
        return;
      }
      sorted.splice(i, 1);
    }
    sorted.splice(this.lowerBound(sorted, k, false), 0, [k, row]);
  }

  delete(key: string): boolean {
    const old = this.rows.get(key);
    if (old === undefined) return false;
    this.rows.delete(key);
    if (this.sorted) {
      const i = this.indexOf(this.sorted, sortKeyOf(this.spec, old));
      if (i < 0) this.sorted = null;
      else this.sorted.splice(i, 1);
    }
    return true;
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.rows.entries();
  }

  /** Rows in sort order after `cursor` that pass `keep`, at most `max`. */
  scan(keep: (row: T) => boolean, max: number, cursor?: SortKey): T[] {
    const sorted = this.order();
    let i = cursor ? this.lowerBound(sorted, cursor, true) : 0;
    const out: T[] = [];
    for (; i < sorted.length && out.length < max; i += 1) {
      const entry = sorted[i];
      if (entry && keep(entry[1])) out.push(entry[1]);
    }
    return out;
  }

  /** One keyset page; rows are copied so callers never hold the store's objects. */
  page(keep: (row: T) => boolean, page: PageRequest): Page<T> {
    const cursor = page.cursor === undefined ? undefined : decodeCursor(this.spec, page.cursor);
    const rows = this.scan(keep, page.limit + 1, cursor);
    return toPage(
      this.spec,
      rows.map((r) => structuredClone(r)),
      page.limit,
    );
  }

  /** First index whose key is >= `key` (or > `key` when `strict`). */
  private lowerBound(sorted: [SortKey, T][], key: SortKey, strict: boolean): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = sorted[mid];
      const c = entry ? compareKeys(this.spec, entry[0], key) : 1;
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the entry with exactly `key` (sort keys end in a unique field), or -1. */
  private indexOf(sorted: [SortKey, T][], key: SortKey): number {
    const i = this.lowerBound(sorted, key, false);
    const entry = sorted[i];
    return entry && compareKeys(this.spec, entry[0], key) === 0 ? i : -1;
  }

  private order(): [SortKey, T][] {
    if (!this.sorted) {
      this.sorted = [...this.rows.values()].map((r): [SortKey, T] => [sortKeyOf(this.spec, r), r]);
      this.sorted.sort((a, b) => compareKeys(this.spec, a[0], b[0]));
    }
    return this.sorted;
  }
}

/** One OrderedTable per group: lists are per group, so they never sort other groups' rows. */
export class GroupedTables<T> {
  private readonly groups = new Map<number, OrderedTable<T>>();

  constructor(private readonly spec: SortSpec<T>) {}

  of(groupId: number): OrderedTable<T> | undefined {
    return this.groups.get(groupId);
  }

  ensure(groupId: number): OrderedTable<T> {
    let t = this.groups.get(groupId);
    if (!t) {
      t = new OrderedTable(this.spec);
      this.groups.set(groupId, t);
    }
    return t;
  }

  drop(groupId: number): void {
    this.groups.delete(groupId);
  }

  all(): IterableIterator<[number, OrderedTable<T>]> {
    return this.groups.entries();
  }

  /** The page of a group with no rows: its cursor is still checked, like any list's. */
  emptyPage(page?: PageRequest): Page<T> {
    if (page?.cursor !== undefined) decodeCursor(this.spec, page.cursor);
    return { items: [], next_cursor: null };
  }
}

export const copy = <T>(v: T): T => structuredClone(v);

/** Runs synchronous store code behind the async port: throws become rejections, like a real backend. */
export function sync<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(toError(err));
  }
}
