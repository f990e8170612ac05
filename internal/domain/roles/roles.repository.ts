import type { Page, PageRequest, SortSpec } from '../common/pagination.js';
import type { Role } from './roles.schema.js';

/** Highest priority first, then by name. */
export const ROLE_SORT: SortSpec<Role> = [
  { field: 'priority', dir: -1, type: 'number' },
  { field: 'name', dir: 1, type: 'string' },
];

export interface RolesRepository {
  /** Inserts in order; throws CONFLICT on the first duplicate (earlier ones stay written). */
  insertMany(roles: Role[]): Promise<void>;
  get(groupId: number, name: string): Promise<Role | null>;
  update(groupId: number, name: string, set: Partial<Omit<Role, 'group_id' | 'name' | 'created_at'>>): Promise<Role | null>;
  delete(groupId: number, name: string): Promise<boolean>;
  list(groupId: number, page: PageRequest): Promise<Page<Role>>;
  deleteByGroup(groupId: number): Promise<void>;
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
