import { AppError, isAppError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { DAY_MS, utcDay, type ActorContext, type Clock } from '../common/context.js';
import { groupId as groupIdSchema } from '../common/ids.schema.js';
import type { Page } from '../common/pagination.js';
import { parseInput } from '../../shared/validation.js';
import { DEFAULT_ROLES, type Role } from '../roles/roles.schema.js';
import { DEFAULT_SETTINGS } from '../settings/settings.schema.js';
import type { Store } from '../store.js';
import type { GroupGuard } from './group-guard.js';
import {
  groupCreate,
  groupListQuery,
  groupPatch,
  type Group,
  type GroupCard,
  type GroupCreateInput,
  type GroupListQuery,
  type GroupPatchInput,
} from './groups.schema.js';

const COUNTERS = new Set(['member_count', 'admin_count']);
/** What makes a group "yours" on the dashboard: you may see its members. */
export const MANAGEABLE_PERMISSION = 'members.view';
/** A person in more groups than this sees the first ones by id (a bounded answer, one page). */
export const MAX_PERSON_GROUPS = 200;

export class GroupsService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
    private readonly platformAdmins: ReadonlySet<number> = new Set(),
  ) {}

  /**
   * Creates the group with its default roles and settings. There are no transactions on
   * FerretDB, so the group document, the one thing readers look for, is written last:
   * a failure before it leaves no visible group, and whatever this call wrote is removed.
   */
  async create(input: GroupCreateInput, ctx: ActorContext = {}): Promise<Group> {
    const data = parseInput(groupCreate, input, 'group');
    if (await this.store.groups.get(data.group_id)) throw AppError.conflict(`group ${data.group_id} already exists`);
    // A group deleted earlier may have left dependents behind (see delete); they are orphans now.
    await this.removeDependents(data.group_id);

    const now = this.clock();
    const group: Group = { ...data, created_at: now, updated_at: now };
    const roles: Role[] = DEFAULT_ROLES.map((r) => ({
      group_id: group.group_id,
      ...r,
      permissions: [...r.permissions],
      color: null,
      created_at: now,
      updated_at: now,
    }));

    try {
      await this.store.roles.insertMany(roles);
    } catch (err) {
      // A concurrent create of the same id got there first: its roles are not ours to remove.
      if (isAppError(err) && err.code === 'CONFLICT') throw AppError.conflict(`group ${data.group_id} already exists`);
      await this.cleanup(group.group_id);
      throw err;
    }
    try {
      await this.store.settings.put({ group_id: group.group_id, ...structuredClone(DEFAULT_SETTINGS), updated_at: now });
      await this.store.groups.insert(group);
    } catch (err) {
      await this.cleanup(group.group_id);
      throw err;
    }
    await this.audit.write(
      { group_id: group.group_id, event_type: 'group.created', message: `group "${group.name}" created`, data: { name: group.name } },
      ctx,
    );
    return group;
  }

  async get(groupId: number): Promise<Group> {
    return this.guard(groupId);
  }

  /**
   * The groups a person may open in the dashboard: those where their role lets them view
   * members (MANAGEABLE_PERMISSION), by group id; at most MAX_PERSON_GROUPS of them.
   */
  async forPerson(userId: number): Promise<Page<GroupCard>> {
    return { items: await Promise.all((await this.manageable(userId)).map((g) => this.card(g))), next_cursor: null };
  }

  private async manageable(userId: number): Promise<Group[]> {
    // A platform admin sees every group (the first MAX_PERSON_GROUPS, by id), as a service does.
    if (this.platformAdmins.has(userId)) return (await this.store.groups.list({}, { limit: MAX_PERSON_GROUPS })).items;
    const memberships = await this.store.users.memberships(userId, MAX_PERSON_GROUPS);
    const found = await Promise.all(
      memberships.map(async (m) => {
        const role = await this.store.roles.get(m.group_id, m.role);
        return role?.permissions.includes(MANAGEABLE_PERMISSION) ? this.store.groups.get(m.group_id) : null;
      }),
    );
    return found.filter((g): g is Group => g !== null);
  }

  /** The group with its messages over the last 7 UTC days (today included): one small read per group. */
  private async card(group: Group): Promise<GroupCard> {
    const from = utcDay(new Date(this.clock().getTime() - 6 * DAY_MS));
    const days = await this.store.stats.list(group.group_id, { from });
    return { ...group, messages_7d: days.reduce((n, d) => n + d.messages, 0) };
  }

  async list(query: GroupListQuery = {}): Promise<Page<Group>> {
    const q = parseInput(groupListQuery, query, 'query');
    return this.store.groups.list({ active: q.active, q: q.q }, { limit: q.limit, cursor: q.cursor });
  }

  async update(groupId: number, patch: GroupPatchInput, ctx: ActorContext = {}): Promise<Group> {
    const id = parseInput(groupIdSchema, groupId, 'group id');
    const changes = parseInput(groupPatch, patch, 'group');
    const updated = await this.store.groups.update(id, { ...changes, updated_at: this.clock() });
    if (!updated) throw AppError.notFound(`group ${id}`);
    // The bot resyncs member_count and admin_count from Telegram every few minutes per busy
    // group: counters, like the stats, not an admin's edit, so they would only drown the log.
    if (Object.keys(changes).every((k) => COUNTERS.has(k))) return updated;
    await this.audit.write({ group_id: id, event_type: 'group.updated', message: 'group updated', data: { fields: Object.keys(changes) } }, ctx);
    return updated;
  }

  /**
   * Deletes the group first (the visible, atomic step), then its dependents. If removing
   * dependents fails, they are orphans that no read can reach and that the next create of
   * the same id clears. The audit trail is kept: logs expire by retention only.
   */
  async delete(groupId: number, ctx: ActorContext = {}): Promise<void> {
    const id = parseInput(groupIdSchema, groupId, 'group id');
    if (!(await this.store.groups.delete(id))) throw AppError.notFound(`group ${id}`);
    await this.removeDependents(id);
    await this.audit.write({ group_id: id, event_type: 'group.deleted', message: 'group deleted' }, ctx);
  }

  /**
   * Telegram turns a group into a supergroup with a new id (migrate_to_chat_id). Everything
   * moves to the new id. Dependents move first and the old group document goes last, so a
   * failed run can simply be repeated: every step is idempotent.
   */
  async migrateGroup(oldId: number, newId: number, ctx: ActorContext = {}): Promise<Group> {
    const from = parseInput(groupIdSchema, oldId, 'old group id');
    const to = parseInput(groupIdSchema, newId, 'new group id');
    const old = await this.guard(from);
    // Both ids are well formed; that they are one is a conflict with the group as it is.
    if (from === to) throw AppError.conflict(`group ${from} already has id ${to}: nothing to migrate`);
    // The same created_at means an earlier run of this migration got that far: resume it.
    const existing = await this.store.groups.get(to);
    if (existing && existing.created_at.getTime() !== old.created_at.getTime()) throw AppError.conflict(`group ${to} already exists`);

    const s = this.store;
    await s.roles.moveGroup(from, to);
    await s.settings.moveGroup(from, to);
    await s.rules.moveGroup(from, to);
    await s.users.moveGroup(from, to);
    await s.actions.moveGroup(from, to);
    await s.stats.moveGroup(from, to);
    await s.logs.moveGroup(from, to);
    const moved: Group = { ...old, group_id: to, updated_at: this.clock() };
    if (!existing) await s.groups.insert(moved);
    await s.groups.delete(from);
    await this.audit.write({ group_id: to, event_type: 'group.migrated', message: `group migrated from ${from}`, data: { from, to } }, ctx);
    return moved;
  }

  private async removeDependents(id: number): Promise<void> {
    const s = this.store;
    await Promise.all([
      s.roles.deleteByGroup(id),
      s.settings.deleteByGroup(id),
      s.rules.deleteByGroup(id),
      s.users.deleteByGroup(id),
      s.actions.deleteByGroup(id),
      s.stats.deleteByGroup(id),
    ]);
  }

  /** Best effort after a failed create: the original error is what the caller must see. */
  private async cleanup(id: number): Promise<void> {
    await Promise.allSettled([this.store.roles.deleteByGroup(id), this.store.settings.deleteByGroup(id)]);
  }
}
