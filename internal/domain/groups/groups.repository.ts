import type { Page, PageRequest, SortSpec } from '../common/pagination.js';
import type { Group } from './groups.schema.js';

/** Newest first; group_id breaks ties so the order is total and cursors are stable. */
export const GROUP_SORT: SortSpec<Group> = [
  { field: 'created_at', dir: -1, type: 'date' },
  { field: 'group_id', dir: -1, type: 'number' },
];

export interface GroupFilter {
  active?: boolean | undefined;
  /** Case-insensitive substring of the name. */
  q?: string | undefined;
}

export interface GroupsRepository {
  /** Throws CONFLICT when the group_id exists. */
  insert(group: Group): Promise<void>;
  get(groupId: number): Promise<Group | null>;
  update(groupId: number, set: Partial<Omit<Group, 'group_id' | 'created_at'>>): Promise<Group | null>;
  /**
   * Adds `by` (negative for leaves) to member_count and sets updated_at, atomically against
   * concurrent adjustments from other replicas, never below 0: a leave the bot saw for a
   * member who joined before the last count from Telegram must not make the count negative.
   * Null when the group does not exist.
   */
  adjustMemberCount(groupId: number, by: number, at: Date): Promise<Group | null>;
  delete(groupId: number): Promise<boolean>;
  list(filter: GroupFilter, page: PageRequest): Promise<Page<Group>>;
}
