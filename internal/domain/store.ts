import type { ActionsRepository } from './actions/actions.repository.js';
import type { LogsRepository } from './audit/audit.repository.js';
import type { GroupsRepository } from './groups/groups.repository.js';
import type { RolesRepository } from './roles/roles.repository.js';
import type { RulesRepository } from './rules/rules.repository.js';
import type { SettingsRepository } from './settings/settings.repository.js';
import type { StatsRepository } from './stats/stats.repository.js';
import type { UsersRepository } from './users/users.repository.js';

/** Every repository port behind one handle: what a store backend (memory, mongo) provides. */
export interface Store {
  groups: GroupsRepository;
  users: UsersRepository;
  roles: RolesRepository;
  rules: RulesRepository;
  settings: SettingsRepository;
  actions: ActionsRepository;
  logs: LogsRepository;
  stats: StatsRepository;
  /** True when the backend answers; never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
