import type { Page, PageRequest, SortSpec } from '../common/pagination.js';
import type { Action, ActionStatus, ActionType } from './actions.schema.js';

/** Newest first; ids are unique and time-prefixed. */
export const ACTION_SORT: SortSpec<Action> = [
  { field: 'created_at', dir: -1, type: 'date' },
  { field: 'id', dir: -1, type: 'string' },
];

export interface ActionFilter {
  user_id?: number | undefined;
  action_type?: ActionType | undefined;
  status?: ActionStatus | undefined;
  /** created_at >= since */
  since?: Date | undefined;
}

export interface ActionsRepository {
  insert(action: Action): Promise<void>;
  get(groupId: number, id: string): Promise<Action | null>;
  /**
   * Compare-and-set on status: updates only while the action still has `fromStatus`, so two
   * concurrent transitions cannot both win. Null when not found or the status moved.
   */
  transition(groupId: number, id: string, fromStatus: ActionStatus, set: Partial<Pick<Action, 'status' | 'reason' | 'updated_at'>>): Promise<Action | null>;
  list(groupId: number, filter: ActionFilter, page: PageRequest): Promise<Page<Action>>;
  /** Every matching action in sort order, up to `max`. */
  find(groupId: number, filter: ActionFilter, max: number): Promise<Action[]>;
  countByType(groupId: number, filter: ActionFilter): Promise<Partial<Record<ActionType, number>>>;
  deleteByGroup(groupId: number): Promise<void>;
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
