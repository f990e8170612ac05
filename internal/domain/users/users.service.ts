import { AppError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ActorContext, Clock } from '../common/context.js';
import { userId as userIdSchema } from '../common/ids.schema.js';
import type { Page } from '../common/pagination.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import type { RolesRepository } from '../roles/roles.repository.js';
import { DEFAULT_ROLE } from '../roles/roles.schema.js';
import type { UserInsertDefaults, UserMutable, UsersRepository } from './users.repository.js';
import {
  username as usernameSchema,
  userBulk,
  userListQuery,
  userPatch,
  userUpsert,
  type User,
  type UserBulkInput,
  type UserBulkResult,
  type UserListQuery,
  type UserPatchInput,
  type UserUpsertInput,
} from './users.schema.js';

const DEFAULTS: UserInsertDefaults = {
  username: null,
  first_name: null,
  last_name: null,
  role: DEFAULT_ROLE,
  is_active: true,
  message_count: 0,
  joined_at: null,
  last_seen_at: null,
};

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly audit: AuditService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
  ) {}

  /** PUT: creates the member or updates the given fields. */
  async upsert(groupId: number, userId: number, input: UserUpsertInput, ctx: ActorContext = {}): Promise<User> {
    const uid = parseInput(userIdSchema, userId, 'user id');
    const set = parseInput(userUpsert, input, 'user');
    const group = await this.guard(groupId);
    await this.assertRoles(group.group_id, set.role === undefined ? [] : [set.role]);
    const user = await this.users.upsert(group.group_id, uid, set, { ...DEFAULTS, joined_at: this.clock() }, this.clock());
    await this.audit.write(
      { group_id: group.group_id, event_type: 'user.upserted', message: `user ${uid} saved`, data: { user_id: uid, fields: Object.keys(set) } },
      ctx,
    );
    return user;
  }

  async get(groupId: number, userId: number): Promise<User> {
    const uid = parseInput(userIdSchema, userId, 'user id');
    const group = await this.guard(groupId);
    const user = await this.users.get(group.group_id, uid);
    if (!user) throw AppError.notFound(`user ${uid} in group ${group.group_id}`);
    return user;
  }

  async getByUsername(groupId: number, username: string): Promise<User> {
    const name = parseInput(usernameSchema, username, 'username');
    const group = await this.guard(groupId);
    const user = await this.users.getByUsername(group.group_id, name);
    if (!user) throw AppError.notFound(`user @${name} in group ${group.group_id}`);
    return user;
  }

  async update(groupId: number, userId: number, patch: UserPatchInput, ctx: ActorContext = {}): Promise<User> {
    const uid = parseInput(userIdSchema, userId, 'user id');
    const set = parseInput(userPatch, patch, 'user');
    const group = await this.guard(groupId);
    await this.assertRoles(group.group_id, set.role === undefined ? [] : [set.role]);
    if (set.role !== undefined && set.role !== 'owner') await this.keepAnOwner(group.group_id, uid);
    const user = await this.users.update(group.group_id, uid, set, this.clock());
    if (!user) throw AppError.notFound(`user ${uid} in group ${group.group_id}`);
    await this.audit.write(
      { group_id: group.group_id, event_type: 'user.updated', message: `user ${uid} updated`, data: { user_id: uid, fields: Object.keys(set) } },
      ctx,
    );
    return user;
  }

  /** A group keeps at least one owner: the last one cannot be given another role (someone else must be made owner first). */
  private async keepAnOwner(groupId: number, userId: number): Promise<void> {
    const current = await this.users.get(groupId, userId);
    if (current?.role !== 'owner') return;
    if ((await this.users.count(groupId, { role: 'owner' })) <= 1) {
      throw AppError.conflict("this is the group's last owner: make someone else owner first");
    }
  }

  async list(groupId: number, query: UserListQuery = {}): Promise<Page<User>> {
    const q = parseInput(userListQuery, query, 'query');
    const group = await this.guard(groupId);
    const search = q.q?.replace(/^@/, '') || undefined;
    return this.users.list(group.group_id, { role: q.role, active: q.active, q: search }, { limit: q.limit, cursor: q.cursor });
  }

  /** Up to 1000 members in one call; the whole body is validated before anything is written. */
  async bulkUpsert(groupId: number, input: UserBulkInput, ctx: ActorContext = {}): Promise<UserBulkResult> {
    const body = parseInput(userBulk, input, 'bulk body');
    const group = await this.guard(groupId);
    const roles = [...new Set(body.users.flatMap((u) => (u.role === undefined ? [] : [u.role])))];
    await this.assertRoles(group.group_id, roles);
    const now = this.clock();
    const rows = body.users.map(({ user_id, ...set }) => ({ user_id, set: set satisfies UserMutable }));
    const res = await this.users.upsertMany(group.group_id, rows, { ...DEFAULTS, joined_at: now }, now);
    await this.audit.write({ group_id: group.group_id, event_type: 'user.bulk_upserted', message: `${rows.length} users saved`, data: { ...res } }, ctx);
    return res;
  }

  /** Counts a message for the member (bot hot path): a counter, not an audited mutation. */
  async recordMessage(groupId: number, userId: number, count = 1): Promise<void> {
    const uid = parseInput(userIdSchema, userId, 'user id');
    const group = await this.guard(groupId);
    await this.users.incMessages(group.group_id, uid, count, this.clock());
  }

  /**
   * A well-formed role name the group has no role for conflicts with the group's roles as
   * stored (409), as a duplicate name does; it is not a malformed request (400).
   */
  private async assertRoles(groupId: number, names: string[]): Promise<void> {
    for (const name of names) {
      if (!(await this.roles.get(groupId, name))) {
        throw new AppError('CONFLICT', 'unknown role', [{ path: 'role', message: `role "${name}" does not exist in this group` }]);
      }
    }
  }
}
