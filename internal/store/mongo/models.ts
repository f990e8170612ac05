import { Schema, type Connection, type Model } from 'mongoose';
import type { Action } from '../../domain/actions/actions.schema.js';
import { LOG_RETENTION_MS, type LogEntry } from '../../domain/audit/audit.schema.js';
import type { Group } from '../../domain/groups/groups.schema.js';
import type { Role } from '../../domain/roles/roles.schema.js';
import type { Rule } from '../../domain/rules/rules.schema.js';
import type { Settings } from '../../domain/settings/settings.schema.js';
import type { DayStats } from '../../domain/stats/stats.schema.js';
import type { User } from '../../domain/users/users.schema.js';

/** Telegram ids need 52 bits: always a BSON double, never the Int32 the driver picks for small integers. */
// Mongoose's typings map Schema.Types.Double to its own Double class, not number; at run time
// it casts numbers to BSON doubles and lean() hands back plain numbers, so the cast is sound.
const Double = Schema.Types.Double as unknown as NumberConstructor;
const TgId = { type: Double, required: true } as const;
const TgIdNullable = { type: Double, default: null } as const;
const NullableString = { type: String, default: null } as const;
const NullableDate = { type: Date, default: null } as const;

/** Entities are stored as they are; `minimize: false` keeps empty objects ({}), `versionKey` is noise here. */
const opts = { versionKey: false, minimize: false, strict: true } as const;

export type UserDoc = User & { username_lc: string | null };
export type ActionDoc = Omit<Action, 'id'> & { _id: string };
export type LogDoc = Omit<LogEntry, 'id'> & { _id: string };

const groupSchema = new Schema<Group>(
  {
    group_id: TgId,
    name: { type: String, required: true },
    description: { type: String, default: '' },
    member_count: { type: Number, default: 0 },
    admin_count: { type: Number, default: 0 },
    is_active: { type: Boolean, default: true },
    photo_url: NullableString,
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
  },
  opts,
);
groupSchema.index({ group_id: 1 }, { unique: true });
groupSchema.index({ is_active: 1, updated_at: -1 });
groupSchema.index({ created_at: -1, group_id: -1 });
groupSchema.index({ name: 'text' });

const userSchema = new Schema<UserDoc>(
  {
    group_id: TgId,
    user_id: TgId,
    username: NullableString,
    // Telegram usernames are case-insensitive; an indexed lowercase copy serves by-username lookups.
    username_lc: NullableString,
    first_name: NullableString,
    last_name: NullableString,
    role: { type: String, default: 'member' },
    is_active: { type: Boolean, default: true },
    message_count: { type: Number, default: 0 },
    joined_at: NullableDate,
    last_seen_at: NullableDate,
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
  },
  opts,
);
userSchema.index({ group_id: 1, user_id: 1 }, { unique: true });
userSchema.index({ group_id: 1, role: 1 });
userSchema.index({ group_id: 1, is_active: 1 });
// The overview's most active members: the top of one group by message count.
userSchema.index({ group_id: 1, message_count: -1 });
userSchema.index({ group_id: 1, username_lc: 1 });
// A person's groups, for the dashboard (memberships).
userSchema.index({ user_id: 1, group_id: 1 });

const roleSchema = new Schema<Role>(
  {
    group_id: TgId,
    name: { type: String, required: true },
    permissions: { type: [String], default: [] },
    priority: { type: Number, default: 0 },
    color: NullableString,
    description: { type: String, default: '' },
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
  },
  opts,
);
roleSchema.index({ group_id: 1, name: 1 }, { unique: true });

const ruleSchema = new Schema<Rule>(
  {
    group_id: TgId,
    rule_name: { type: String, required: true },
    description: { type: String, default: '' },
    penalty: { type: String, required: true },
    penalty_duration: { type: Number, default: null },
    priority: { type: Number, default: 0 },
    is_active: { type: Boolean, default: true },
    trigger: {
      type: new Schema({ type: { type: String, required: true }, pattern: { type: String, default: '' } }, { _id: false, versionKey: false }),
      default: null,
    },
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
  },
  opts,
);
ruleSchema.index({ group_id: 1, rule_name: 1 }, { unique: true });
ruleSchema.index({ group_id: 1, priority: -1 });

const settingsSchema = new Schema<Settings>(
  {
    group_id: TgId,
    welcome_message_enabled: Boolean,
    welcome_message: String,
    goodbye_message_enabled: Boolean,
    goodbye_message: String,
    auto_delete_commands: Boolean,
    logging_enabled: Boolean,
    moderation_enabled: Boolean,
    warn_limit: Number,
    warn_mode: String,
    warn_mode_duration: { type: Number, default: null },
    warn_expiry_days: Number,
    antiflood: { type: Schema.Types.Mixed },
    locks: { type: [String], default: [] },
    log_chat_id: TgIdNullable,
    language: String,
    custom_settings: { type: Schema.Types.Mixed, default: {} },
    updated_at: { type: Date, required: true },
  },
  opts,
);
settingsSchema.index({ group_id: 1 }, { unique: true });

const actionSchema = new Schema<ActionDoc>(
  {
    _id: { type: String, required: true },
    group_id: TgId,
    user_id: TgId,
    admin_id: TgIdNullable,
    action_type: { type: String, required: true },
    reason: NullableString,
    duration: { type: Number, default: null },
    status: { type: String, required: true },
    expires_at: NullableDate,
    source: { type: String, required: true },
    rule_name: NullableString,
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
  },
  opts,
);
actionSchema.index({ group_id: 1, created_at: -1 });
actionSchema.index({ group_id: 1, user_id: 1, created_at: -1 });
actionSchema.index({ user_id: 1, created_at: -1 });
actionSchema.index({ action_type: 1 });
actionSchema.index({ status: 1 });

const logSchema = new Schema<LogDoc>(
  {
    _id: { type: String, required: true },
    group_id: TgId,
    event_type: { type: String, required: true },
    severity: { type: String, required: true },
    message: { type: String, default: '' },
    actor_id: TgIdNullable,
    actor: new Schema({ type: { type: String, required: true }, service: NullableString, user_id: TgIdNullable }, { _id: false, versionKey: false }),
    data: { type: Schema.Types.Mixed, default: {} },
    timestamp: { type: Date, required: true },
  },
  opts,
);
logSchema.index({ group_id: 1, timestamp: -1 });
logSchema.index({ event_type: 1 });
// Servers that refuse TTL indexes (FerretDB) fall back to the retention sweeper.
logSchema.index({ timestamp: 1 }, { expireAfterSeconds: LOG_RETENTION_MS / 1000 });

const statsSchema = new Schema<DayStats>(
  {
    group_id: TgId,
    day: { type: String, required: true },
    messages: { type: Number, default: 0 },
    joins: { type: Number, default: 0 },
    leaves: { type: Number, default: 0 },
    actions_by_type: { type: Schema.Types.Mixed, default: {} },
    messages_by_hour: { type: Schema.Types.Mixed, default: {} },
  },
  opts,
);
statsSchema.index({ group_id: 1, day: 1 }, { unique: true });

export interface Models {
  groups: Model<Group>;
  users: Model<UserDoc>;
  roles: Model<Role>;
  rules: Model<Rule>;
  settings: Model<Settings>;
  actions: Model<ActionDoc>;
  logs: Model<LogDoc>;
  stats: Model<DayStats>;
}

export function createModels(conn: Connection): Models {
  return {
    groups: conn.model<Group>('Group', groupSchema, 'groups'),
    users: conn.model<UserDoc>('User', userSchema, 'users'),
    roles: conn.model<Role>('Role', roleSchema, 'roles'),
    rules: conn.model<Rule>('Rule', ruleSchema, 'rules'),
    settings: conn.model<Settings>('Settings', settingsSchema, 'settings'),
    actions: conn.model<ActionDoc>('Action', actionSchema, 'actions'),
    logs: conn.model<LogDoc>('Log', logSchema, 'logs'),
    stats: conn.model<DayStats>('Stats', statsSchema, 'stats'),
  };
}
