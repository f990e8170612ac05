import type { Page, PageRequest, SortSpec } from '../common/pagination.js';
import type { User } from './users.schema.js';

export const USER_SORT: SortSpec<User> = [{ field: 'user_id', dir: 1, type: 'number' }];

export interface UserFilter {
  role?: string | undefined;
  active?: boolean | undefined;
  /** Part of the username, first or last name, any case (the dashboard's member search). */
  q?: string | undefined;
}

export type UserMutable = Partial<Omit<User, 'group_id' | 'user_id' | 'created_at' | 'updated_at' | 'message_count'>>;

/** Values a new user starts with; fields also present in `set` win. */
export type UserInsertDefaults = Omit<User, 'group_id' | 'user_id' | 'created_at' | 'updated_at'>;

export interface UsersRepository {
  /** Insert-or-update in one atomic step ($set / $setOnInsert), so concurrent upserts never lose counters. */
  upsert(groupId: number, userId: number, set: UserMutable, defaults: UserInsertDefaults, now: Date): Promise<User>;
  upsertMany(
    groupId: number,
    rows: { user_id: number; set: UserMutable }[],
    defaults: UserInsertDefaults,
    now: Date,
  ): Promise<{ inserted: number; updated: number }>;
  get(groupId: number, userId: number): Promise<User | null>;
  /** Case-insensitive, as Telegram usernames are. */
  getByUsername(groupId: number, username: string): Promise<User | null>;
  update(groupId: number, userId: number, set: UserMutable, now: Date): Promise<User | null>;
  /** Counts a message and marks the user seen; no-op for unknown users. */
  incMessages(groupId: number, userId: number, by: number, now: Date): Promise<void>;
  list(groupId: number, filter: UserFilter, page: PageRequest): Promise<Page<User>>;
  count(groupId: number, filter: UserFilter): Promise<number>;
  /** The `limit` members with the most messages, most first (ties by user id); members with none are left out. */
  top(groupId: number, limit: number): Promise<User[]>;
  deleteByGroup(groupId: number): Promise<void>;
  /** The groups a Telegram user has a record in, with their role there; at most `limit`, by group id. */
  memberships(userId: number, limit: number): Promise<{ group_id: number; role: string }[]>;
  /** Moves every user to `toGroup`; users already there win over the moved ones. */
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
