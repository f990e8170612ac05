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
  async update(groupId: number, patch: SettingsPatchInput, ctx: ActorContext = {}): Promise<Settings> {
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
    const next: Settings = { group_id, ...valid, updated_at: this.clock() };
    await this.settings.put(next);
    await this.audit.write({ group_id, event_type: 'settings.updated', message: 'settings updated', data: { fields: Object.keys(changes) } }, ctx);
    return next;
  }
}
