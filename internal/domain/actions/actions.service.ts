import { AppError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { utcDay, type ActorContext, type Clock } from '../common/context.js';
import { newId } from '../common/id.js';
import { userId as userIdSchema } from '../common/ids.schema.js';
import type { Page } from '../common/pagination.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { StatsRepository } from '../stats/stats.repository.js';
import type { ActionsRepository } from './actions.repository.js';
import {
  actionCreate,
  actionId,
  actionListQuery,
  actionPatch,
  STATUS_TRANSITIONS,
  type Action,
  type ActionCreated,
  type ActionCreateInput,
  type ActionListQuery,
  type ActionPatchInput,
  type Warnings,
} from './actions.schema.js';
import { isActiveWarn, warnCutoff, warnPenalty } from './warn-penalty.js';

/**
 * The admin an action is recorded under. A person acts only in their own name; a service
 * names the admin it acted for in X-Actor-Id, and a body that says otherwise is a mistake.
 */
function actingAdmin(claimed: number | null, ctx: ActorContext): number | null {
  const actor = ctx.actor_id ?? null;
  if (ctx.service === undefined && actor !== null) {
    if (claimed !== null && claimed !== actor)
      throw new AppError('FORBIDDEN', `you record actions in your own name: admin_id must be ${actor} (your id) or left out`);
    return actor;
  }
  if (claimed !== null && actor !== null && claimed !== actor) {
    throw AppError.validation(`admin_id ${claimed} differs from X-Actor-Id ${actor}: name the acting admin once, or the same in both`, [
      { path: 'admin_id', message: 'differs from X-Actor-Id' },
    ]);
  }
  return claimed ?? actor;
}

/** More active warns than this is not a real group; it bounds the read. */
const MAX_WARNS_READ = 1000;

export class ActionsService {
  constructor(
    private readonly actions: ActionsRepository,
    private readonly stats: StatsRepository,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a moderation action. For an applied warn it also answers the member's active
   * warn count and, once that reaches warn_limit, the penalty warn_mode prescribes; the
   * caller (bot) carries the penalty out and records it as its own action.
   */
  async create(groupId: number, input: ActionCreateInput, ctx: ActorContext = {}): Promise<ActionCreated> {
    const data = parseInput(actionCreate, input, 'action');
    const admin = actingAdmin(data.admin_id, ctx);
    const group = await this.guard(groupId);
    const now = this.clock();
    const action: Action = {
      id: newId(now),
      group_id: group.group_id,
      ...data,
      admin_id: admin,
      expires_at: data.duration === null ? null : new Date(now.getTime() + data.duration * 1000),
      created_at: now,
      updated_at: now,
    };
    await this.actions.insert(action);
    await this.stats.inc(group.group_id, utcDay(now), { actions_by_type: { [action.action_type]: 1 } });
    await this.audit.write(
      {
        group_id: group.group_id,
        event_type: `action.${action.action_type}`,
        message: `${action.action_type} user ${action.user_id}`,
        data: { action_id: action.id, user_id: action.user_id, status: action.status, reason: action.reason },
      },
      ctx,
    );
    if (action.action_type !== 'warn' || action.status !== 'applied') return { action, penalty: null };
    const w = await this.warnings(group.group_id, action.user_id);
    const settings = await this.settings.get(group.group_id);
    return { action, warnings: { count: w.count, limit: w.limit }, penalty: w.count >= w.limit ? warnPenalty(settings) : null };
  }

  async get(groupId: number, id: string): Promise<Action> {
    const aid = parseInput(actionId, id, 'action id');
    const group = await this.guard(groupId);
    const action = await this.actions.get(group.group_id, aid);
    if (!action) throw AppError.notFound(`action ${aid}`);
    return action;
  }

  async list(groupId: number, query: ActionListQuery = {}): Promise<Page<Action>> {
    const q = parseInput(actionListQuery, query, 'query');
    const group = await this.guard(groupId);
    return this.actions.list(group.group_id, { user_id: q.user_id, action_type: q.action_type, status: q.status }, { limit: q.limit, cursor: q.cursor });
  }

  /**
   * Status moves follow STATUS_TRANSITIONS. A move the current status does not allow is a
   * CONFLICT with the stored action (the same body is fine on another action), as is a move
   * raced by another writer.
   */
  async update(groupId: number, id: string, patch: ActionPatchInput, ctx: ActorContext = {}): Promise<Action> {
    const change = parseInput(actionPatch, patch, 'action');
    const current = await this.get(groupId, id);
    if (!STATUS_TRANSITIONS[current.status].includes(change.status)) {
      throw new AppError('CONFLICT', 'status change not allowed', [{ path: 'status', message: `cannot move from ${current.status} to ${change.status}` }]);
    }
    const set = { status: change.status, updated_at: this.clock(), ...(change.reason === undefined ? {} : { reason: change.reason }) };
    const updated = await this.actions.transition(current.group_id, current.id, current.status, set);
    if (!updated) throw AppError.conflict(`action ${current.id} changed meanwhile; reload it`);
    await this.audit.write(
      {
        group_id: current.group_id,
        event_type: 'action.updated',
        message: `action ${current.id} ${current.status} -> ${change.status}`,
        data: { action_id: current.id, from: current.status, to: change.status },
      },
      ctx,
    );
    return updated;
  }

  /** The member's active warns (see isActiveWarn), newest first, with the group's limit. */
  async warnings(groupId: number, userId: number): Promise<Warnings> {
    const uid = parseInput(userIdSchema, userId, 'user id');
    const group = await this.guard(groupId);
    const settings = await this.settings.get(group.group_id);
    const now = this.clock();
    const cutoff = warnCutoff(settings, now);
    const warns = await this.actions.find(group.group_id, { user_id: uid, action_type: 'warn', status: 'applied', since: cutoff }, MAX_WARNS_READ);
    const items = warns.filter((a) => isActiveWarn(a, cutoff, now));
    return { count: items.length, limit: settings.warn_limit, items };
  }
}
