import type {
  Action,
  ActionCreateInput,
  ActivityEventInput,
  ActionCreated,
  ActionListQuery,
  ActionPatchInput,
  Group,
  GroupCard,
  GroupCreateInput,
  GroupListQuery,
  GroupPatchInput,
  GroupStats,
  GroupStatsQuery,
  LogEntry,
  LogListQuery,
  Page,
  PermissionCheckInput,
  PermissionCheckResult,
  Role,
  RoleCreateInput,
  RoleListQuery,
  RolePatchInput,
  Rule,
  LogRecordInput,
  RuleCreateInput,
  RuleListQuery,
  RulePatchInput,
  Settings,
  SettingsPatchInput,
  User,
  UserListQuery,
  UserPatchInput,
  UserUpsertInput,
  Warnings,
} from '../domain/index.js';

/** Who acts, for the audit log: the Telegram user behind a bot command or a dashboard click. */
export interface Actor {
  actorId?: number | undefined;
}

/**
 * What the bot and web ask of the api. One interface, two implementations (in-process
 * and REST) that answer the same values and throw the same AppErrors, so a caller never
 * knows, or cares, which connection method is in force.
 */
export interface ApiClient {
  createGroup(input: GroupCreateInput, actor?: Actor): Promise<Group>;
  getGroup(groupId: number): Promise<Group>;
  listGroups(query?: GroupListQuery): Promise<Page<Group>>;
  /** The groups the person this client acts as may manage (apiAs); a service has none. */
  myGroups(): Promise<Page<GroupCard>>;
  updateGroup(groupId: number, patch: GroupPatchInput, actor?: Actor): Promise<Group>;
  groupStats(groupId: number, query?: GroupStatsQuery): Promise<GroupStats>;
  migrateGroup(groupId: number, toGroupId: number, actor?: Actor): Promise<Group>;
  recordActivity(groupId: number, input: ActivityEventInput): Promise<void>;

  upsertUser(groupId: number, userId: number, input: UserUpsertInput, actor?: Actor): Promise<User>;
  getUser(groupId: number, userId: number): Promise<User>;
  getUserByUsername(groupId: number, username: string): Promise<User>;
  updateUser(groupId: number, userId: number, patch: UserPatchInput, actor?: Actor): Promise<User>;
  listUsers(groupId: number, query?: UserListQuery): Promise<Page<User>>;
  warnings(groupId: number, userId: number): Promise<Warnings>;

  /** The first 100 unless the query pages. */
  listRoles(groupId: number, query?: RoleListQuery): Promise<Page<Role>>;
  createRole(groupId: number, input: RoleCreateInput, actor?: Actor): Promise<Role>;
  updateRole(groupId: number, name: string, patch: RolePatchInput, actor?: Actor): Promise<Role>;
  deleteRole(groupId: number, name: string, actor?: Actor): Promise<void>;
  /** By priority; the first 100 unless the query pages. */
  listRules(groupId: number, query?: RuleListQuery): Promise<Page<Rule>>;
  createRule(groupId: number, input: RuleCreateInput, actor?: Actor): Promise<Rule>;
  updateRule(groupId: number, name: string, patch: RulePatchInput, actor?: Actor): Promise<Rule>;
  deleteRule(groupId: number, name: string, actor?: Actor): Promise<void>;
  getSettings(groupId: number): Promise<Settings>;
  /** `expected`: the updated_at the caller read; a change made since is refused with 412. */
  updateSettings(groupId: number, patch: SettingsPatchInput, actor?: Actor, expected?: Date): Promise<Settings>;

  recordAction(groupId: number, input: ActionCreateInput, actor?: Actor): Promise<ActionCreated>;
  updateAction(groupId: number, id: string, patch: ActionPatchInput, actor?: Actor): Promise<Action>;
  listActions(groupId: number, query?: ActionListQuery): Promise<Page<Action>>;
  listLogs(groupId: number, query?: LogListQuery): Promise<Page<LogEntry>>;
  /** An event that is no action (an announcement sent...), for the audit log; services only. */
  recordLog(groupId: number, input: Omit<LogRecordInput, 'group_id'>, actor?: Actor): Promise<LogEntry>;

  checkPermission(input: PermissionCheckInput): Promise<PermissionCheckResult>;
}
