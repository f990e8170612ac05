import { AppError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ActorContext, Clock } from '../common/context.js';
import type { Page } from '../common/pagination.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import { PERMISSIONS } from '../permissions/permissions.schema.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { RolesRepository } from './roles.repository.js';
import {
  PROTECTED_ROLES,
  roleCreate,
  roleListQuery,
  roleName,
  rolePatch,
  type Role,
  type RoleCreateInput,
  type RoleListQuery,
  type RolePatchInput,
} from './roles.schema.js';

export class RolesService {
  constructor(
    private readonly roles: RolesRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
  ) {}

  async create(groupId: number, input: RoleCreateInput, ctx: ActorContext = {}): Promise<Role> {
    const data = parseInput(roleCreate, input, 'role');
    const group = await this.guard(groupId);
    const now = this.clock();
    const role: Role = { group_id: group.group_id, ...data, created_at: now, updated_at: now };
    await this.roles.insertMany([role]);
    await this.audit.write(
      { group_id: group.group_id, event_type: 'role.created', message: `role ${role.name} created`, data: { name: role.name, permissions: role.permissions } },
      ctx,
    );
    return role;
  }

  async get(groupId: number, name: string): Promise<Role> {
    const n = parseInput(roleName, name, 'role name');
    const group = await this.guard(groupId);
    const role = await this.roles.get(group.group_id, n);
    if (!role) throw AppError.notFound(`role ${n}`);
    return role;
  }

  async list(groupId: number, query: RoleListQuery = {}): Promise<Page<Role>> {
    const q = parseInput(roleListQuery, query, 'query');
    const group = await this.guard(groupId);
    return this.roles.list(group.group_id, { limit: q.limit, cursor: q.cursor });
  }

  async update(groupId: number, name: string, patch: RolePatchInput, ctx: ActorContext = {}): Promise<Role> {
    const n = parseInput(roleName, name, 'role name');
    const changes = parseInput(rolePatch, patch, 'role');
    // The owner role keeps every permission: taking roles.manage from it would leave nobody able to give it back.
    if (n === 'owner' && changes.permissions && !PERMISSIONS.every((p) => changes.permissions?.includes(p))) {
      throw AppError.conflict('the owner role always holds every permission');
    }
    const group = await this.guard(groupId);
    const role = await this.roles.update(group.group_id, n, { ...changes, updated_at: this.clock() });
    if (!role) throw AppError.notFound(`role ${n}`);
    await this.audit.write(
      { group_id: group.group_id, event_type: 'role.updated', message: `role ${n} updated`, data: { name: n, fields: Object.keys(changes) } },
      ctx,
    );
    return role;
  }

  /** owner and member always exist; a role still held by members cannot go (reassign them first). */
  async delete(groupId: number, name: string, ctx: ActorContext = {}): Promise<void> {
    const n = parseInput(roleName, name, 'role name');
    const group = await this.guard(groupId);
    if (PROTECTED_ROLES.has(n)) throw AppError.conflict(`role ${n} is built in and cannot be deleted`);
    const holders = await this.users.count(group.group_id, { role: n });
    if (holders > 0) throw AppError.conflict(`role ${n} is held by ${holders} member(s)`);
    if (!(await this.roles.delete(group.group_id, n))) throw AppError.notFound(`role ${n}`);
    await this.audit.write({ group_id: group.group_id, event_type: 'role.deleted', message: `role ${n} deleted`, data: { name: n } }, ctx);
  }
}
