import { LOG_SORT, type LogFilter, type LogsRepository } from '../../domain/audit/audit.repository.js';
import { LOG_RETENTION_MS, type LogEntry } from '../../domain/audit/audit.schema.js';
import type { Clock } from '../../domain/common/context.js';
import { copy, GroupedTables, sync, type OrderedTable } from './ordered-table.js';
import { moveRows } from './users.memory.js';

/**
 * Retention like the mongo TTL: entries older than 30 days (by the store's clock) are
 * invisible to reads and removed when their group is next read.
 */
export function memoryLogs(clock: Clock): LogsRepository {
  const tables = new GroupedTables<LogEntry>(LOG_SORT);

  const sweep = (t: OrderedTable<LogEntry>, cutoff: number): number => {
    let n = 0;
    for (const [k, e] of [...t.entries()]) {
      if (e.timestamp.getTime() < cutoff) {
        t.delete(k);
        n += 1;
      }
    }
    return n;
  };

  return {
    insert: (entry) => sync(() => tables.ensure(entry.group_id).set(entry.id, copy(entry))),
    list: (groupId, filter: LogFilter, page) =>
      sync(() => {
        const t = tables.of(groupId);
        if (!t) return tables.emptyPage(page);
        const cutoff = clock().getTime() - LOG_RETENTION_MS;
        sweep(t, cutoff);
        return t.page(
          (e) =>
            (filter.event_type === undefined || e.event_type === filter.event_type) &&
            (filter.actor_id === undefined || e.actor_id === filter.actor_id) &&
            (filter.user_id === undefined || e.data['user_id'] === filter.user_id) &&
            (filter.since === undefined || e.timestamp.getTime() >= filter.since.getTime()) &&
            (filter.until === undefined || e.timestamp.getTime() < filter.until.getTime()),
          page,
        );
      }),
    deleteOlderThan: (cutoff) =>
      sync(() => {
        let n = 0;
        for (const [, t] of tables.all()) n += sweep(t, cutoff.getTime());
        return n;
      }),
    moveGroup: (from, to) => sync(() => moveRows(tables, from, to, (e) => ({ ...e, group_id: to }))),
  };
}
