import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import type { RolesRepository } from '../roles/roles.repository.js';
import { DEFAULT_ROLE } from '../roles/roles.schema.js';
import type { UsersRepository } from '../users/users.repository.js';
import { permissionCheckInput, type PermissionCheckInput, type PermissionCheckResult } from './permissions.schema.js';
import type { Permission } from './permissions.schema.js';
import { ADMIN_VIEW_PERMISSIONS, TELEGRAM_RIGHT_FOR } from './rights-map.js';

/** What a platform admin may do in any group without a role there: look. */
const PLATFORM_READS: ReadonlySet<Permission> = new Set(['members.view', 'logs.view', 'stats.view']);

/**
 * Decides whether a member may do something through the bot. The rule, in order:
 *
 * 1. Telegram says left/kicked: nothing (`telegram:not_member`).
 * 2. Telegram creator: everything (`telegram:creator`): Telegram gives them every right.
 * 3. A Telegram-governed permission (see TELEGRAM_RIGHT_FOR) when Telegram status is known:
 *    only the matching Telegram right grants it (`telegram:<right>`); an administrator
 *    without it, or a non-admin, is refused (`missing:telegram:<right>`, `telegram:not_admin`)
 *    whatever their stored role says. The bot is an admin itself, so honouring a stored role
 *    here would hand a member powers Telegram withholds: that is the escalation we refuse.
 * 4. Bot-only permissions: the stored role grants them (`role:<name>`); Telegram admins also
 *    get the view permissions (`telegram:administrator`). Custom roles only add here.
 * 5. No Telegram status given (e.g. the dashboard without a live getChatMember): the stored
 *    role decides (`role:<name>`). Callers that can ask Telegram should pass its answer.
 *    Anonymous admins (sender_chat = the group) are resolved by the caller, which knows
 *    the message came from the group itself, and passed as `administrator` or `creator`.
 * 6. Platform admins (PLATFORM_ADMINS) get the view permissions in every group
 *    (`platform:admin`), checked before the stored role; changes still take a role.
 */
export class PermissionsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly guard: GroupGuard,
    private readonly platformAdmins: ReadonlySet<number> = new Set(),
  ) {}

  async check(input: PermissionCheckInput): Promise<PermissionCheckResult> {
    const q = parseInput(permissionCheckInput, input, 'permission check');
    const group = await this.guard(q.group_id);
    const tg = q.telegram;
    const right = TELEGRAM_RIGHT_FOR[q.permission];

    if (tg) {
      if (tg.status === 'left' || tg.status === 'kicked') return { allowed: false, via: 'telegram:not_member' };
      if (tg.status === 'creator') return { allowed: true, via: 'telegram:creator' };
      if (right) {
        if (tg.status !== 'administrator') return { allowed: false, via: 'telegram:not_admin' };
        return tg.rights[right] === true ? { allowed: true, via: `telegram:${right}` } : { allowed: false, via: `missing:telegram:${right}` };
      }
    }

    // Platform admins read every group (PLATFORM_ADMINS); what changes a group still takes a role.
    if (PLATFORM_READS.has(q.permission) && this.platformAdmins.has(q.user_id)) return { allowed: true, via: 'platform:admin' };
    const user = await this.users.get(group.group_id, q.user_id);
    const roleName = user?.role ?? DEFAULT_ROLE;
    const role = await this.roles.get(group.group_id, roleName);
    if (role?.permissions.includes(q.permission)) return { allowed: true, via: `role:${roleName}` };
    if (tg?.status === 'administrator' && ADMIN_VIEW_PERMISSIONS.has(q.permission)) return { allowed: true, via: 'telegram:administrator' };
    return { allowed: false, via: role ? `missing:role:${roleName}` : `missing:role:${roleName}:unknown` };
  }
}
