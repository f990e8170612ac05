import { AppError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ActorContext, Clock } from '../common/context.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import type { SettingsRepository } from './settings.repository.js';
import { DEFAULT_SETTINGS, settingsPatch, settingsValues, type Settings, type SettingsPatchInput } from './settings.schema.js';

export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
  ) {}

  /** A group whose settings document is missing (created before settings existed) reads the defaults. */
  async get(groupId: number): Promise<Settings> {
    const group = await this.guard(groupId);
    const stored = await this.settings.get(group.group_id);
    return stored ?? { group_id: group.group_id, ...structuredClone(DEFAULT_SETTINGS), updated_at: group.created_at };
  }

  /**
   * Merges the patch (antiflood field by field) and validates the result as a whole before
   * writing. The patch was valid on its own, so what fails then is its meeting with what is
   * stored (warn_mode tban on a group without a duration): a 409, not a malformed request.
   */
  /**
   * `expected`: the updated_at the caller read (its If-Match). A change made meanwhile by
   * someone else is then not overwritten: 412, naming who made it.
   */
  async update(groupId: number, patch: SettingsPatchInput, ctx: ActorContext = {}, expected?: Date): Promise<Settings> {
    const changes = parseInput(settingsPatch, patch, 'settings');
    const current = await this.get(groupId);
    const { group_id, updated_at: _, ...values } = current;
    const merged = { ...values, ...changes, antiflood: { ...values.antiflood, ...changes.antiflood } };
    const checked = settingsValues.safeParse(merged);
    if (!checked.success) {
      const details = checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw new AppError('CONFLICT', 'the change conflicts with the stored settings', details);
    }
    const valid = checked.data;
    // Each write moves updated_at forward by at least 1 ms: it is the version If-Match names, and
    // two writes within one millisecond must not share one.
    const updatedAt = new Date(Math.max(this.clock().getTime(), current.updated_at.getTime() + 1));
    const next: Settings = { group_id, ...valid, updated_at: updatedAt };
    if (expected === undefined) await this.settings.put(next);
    else if (expected.getTime() !== current.updated_at.getTime() || !(await this.settings.replaceIf(next, expected))) {
      throw await this.changedMeanwhile(group_id);
    }
    await this.audit.write({ group_id, event_type: 'settings.updated', message: 'settings updated', data: { fields: Object.keys(changes) } }, ctx);
    return next;
  }

  private async changedMeanwhile(groupId: number): Promise<AppError> {
    const [last] = (await this.audit.list(groupId, { event_type: 'settings.updated', limit: 1 })).items;
    const by = last?.actor_id ? `user ${last.actor_id}` : last?.actor.service ? `the ${last.actor.service} service` : 'someone else';
    const at = last ? ` at ${last.timestamp.toISOString()}` : '';
    return new AppError('PRECONDITION_FAILED', `the settings were changed by ${by}${at} since you read them: reload them and apply your change again`);
  }
}
