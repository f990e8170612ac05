import { ActionsService } from './actions/actions.service.js';
import { AuditService, type AuditListener } from './audit/audit.service.js';
import type { ActivityListener } from './stats/stats.service.js';
import type { Clock } from './common/context.js';
import { groupGuard } from './groups/group-guard.js';
import { GroupsService } from './groups/groups.service.js';
import { PermissionsService } from './permissions/permissions.service.js';
import { RolesService } from './roles/roles.service.js';
import { RulesService } from './rules/rules.service.js';
import { SettingsService } from './settings/settings.service.js';
import { StatsService } from './stats/stats.service.js';
import type { Store } from './store.js';
import { UsersService } from './users/users.service.js';

export * from './actions/index.js';
export * from './audit/index.js';
export * from './common/index.js';
export * from './groups/index.js';
export * from './permissions/index.js';
export * from './roles/index.js';
export * from './rules/index.js';
export * from './settings/index.js';
export * from './stats/index.js';
export * from './users/index.js';
export type { Store } from './store.js';

export interface Services {
  groups: GroupsService;
  users: UsersService;
  roles: RolesService;
  rules: RulesService;
  settings: SettingsService;
  actions: ActionsService;
  audit: AuditService;
  stats: StatsService;
  permissions: PermissionsService;
}

/**
 * `onAudit`: told of every audit entry written; `onActivity`: of every move of a group's day
 * counters (the api publishes both as live events).
 */
export function createServices(
  store: Store,
  opts: { clock?: Clock; onAudit?: AuditListener; onActivity?: ActivityListener; platformAdmins?: readonly number[] } = {},
): Services {
  const clock = opts.clock ?? (() => new Date());
  const guard = groupGuard(store.groups);
  const admins: ReadonlySet<number> = new Set(opts.platformAdmins ?? []);
  const audit = new AuditService(store.logs, clock, opts.onAudit);
  const settings = new SettingsService(store.settings, audit, guard, clock);
  return {
    groups: new GroupsService(store, audit, guard, clock, admins),
    users: new UsersService(store.users, store.roles, audit, guard, clock),
    roles: new RolesService(store.roles, store.users, audit, guard, clock),
    rules: new RulesService(store.rules, audit, guard, clock),
    settings,
    actions: new ActionsService(store.actions, store.stats, settings, audit, guard, clock),
    audit,
    stats: new StatsService(store.stats, store.users, store.actions, store.groups, settings, guard, clock, opts.onActivity),
    permissions: new PermissionsService(store.users, store.roles, guard, admins),
  };
}
