import type { Page, PageRequest, SortSpec } from '../common/pagination.js';
import type { LogEntry } from './audit.schema.js';

export const LOG_SORT: SortSpec<LogEntry> = [
  { field: 'timestamp', dir: -1, type: 'date' },
  { field: 'id', dir: -1, type: 'string' },
];

export interface LogFilter {
  event_type?: string | undefined;
  actor_id?: number | undefined;
  /** data.user_id: the member the entry is about. */
  user_id?: number | undefined;
  /** timestamp >= since */
  since?: Date | undefined;
  /** timestamp < until */
  until?: Date | undefined;
}

export interface LogsRepository {
  insert(entry: LogEntry): Promise<void>;
  list(groupId: number, filter: LogFilter, page: PageRequest): Promise<Page<LogEntry>>;
  /** Retention: removes entries older than `cutoff`; answers how many went. */
  deleteOlderThan(cutoff: Date): Promise<number>;
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
