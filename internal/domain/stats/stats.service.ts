import { AppError } from '../../shared/errors.js';
import type { ActionsRepository } from '../actions/actions.repository.js';
import { isActiveWarn, warnCutoff } from '../actions/warn-penalty.js';
import { DAY_MS, utcDay, type Clock } from '../common/context.js';
import { userId as userIdSchema } from '../common/ids.schema.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupGuard } from '../groups/group-guard.js';
import type { GroupsRepository } from '../groups/groups.repository.js';
import { groupStatsQuery, type GroupStatsQuery } from '../groups/groups.schema.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { StatsRepository } from './stats.repository.js';
import { activityEvent, statsEvent, type ActivityEventInput, type DayStats, type GroupStats, type StatsEventInput, type UserStats } from './stats.schema.js';

/** How many members the overview lists as most active. */
const TOP_MEMBERS = 10;

/** Messages also count toward the UTC hour they arrived in (the overview's busiest hours). */
function withHour<T extends { messages?: number | undefined }>(by: T, at: Date): T & { messages_by_hour?: Record<string, number> } {
  return by.messages ? { ...by, messages_by_hour: { [String(at.getUTCHours())]: by.messages } } : by;
}

/** Told when a group's day counters moved: the live dashboards redraw their charts. */
export type ActivityListener = (groupId: number, counters: { messages: number; joins: number; leaves: number }) => void;

export class StatsService {
  constructor(
    private readonly stats: StatsRepository,
    private readonly users: UsersRepository,
    private readonly actions: ActionsRepository,
    private readonly groups: GroupsRepository,
    private readonly settings: SettingsService,
    private readonly guard: GroupGuard,
    private readonly clock: Clock,
    private readonly onActivity: ActivityListener = () => undefined,
  ) {}

  private moved(groupId: number, by: { messages?: number | undefined; joins?: number | undefined; leaves?: number | undefined }): void {
    const counters = { messages: by.messages ?? 0, joins: by.joins ?? 0, leaves: by.leaves ?? 0 };
    if (counters.messages + counters.joins + counters.leaves > 0) this.onActivity(groupId, counters);
  }

  /**
   * Counts messages, joins and leaves for the UTC day of `at`. Counters are telemetry, not
   * an admin's mutation, so they write no audit entry (one per message would drown the log).
   */
  async record(groupId: number, input: StatsEventInput, at: Date = this.clock()): Promise<void> {
    const by = parseInput(statsEvent, input, 'stats event');
    const group = await this.guard(groupId);
    await this.stats.inc(group.group_id, utcDay(at), withHour(by, at));
    this.moved(group.group_id, by);
  }

  /**
   * The bot's batched report of what it saw: day counters, the group's member_count moved by
   * its joins and leaves (the bot resets it to Telegram's count when it registers the group
   * and refreshes its admins) and, when a member sent the messages, their message_count and
   * last_seen_at. Validated whole before any write.
   */
  async recordActivity(groupId: number, input: ActivityEventInput, at: Date = this.clock()): Promise<void> {
    const { user_id, ...counters } = parseInput(activityEvent, input, 'activity');
    const group = await this.guard(groupId);
    await this.stats.inc(group.group_id, utcDay(at), withHour(counters, at));
    const members = (counters.joins ?? 0) - (counters.leaves ?? 0);
    if (members !== 0) await this.groups.adjustMemberCount(group.group_id, members, at);
    if (user_id !== undefined) await this.users.incMessages(group.group_id, user_id, counters.messages ?? 0, at);
    this.moved(group.group_id, counters);
  }

  /** All-time totals plus the last `days` UTC days, zero-filled so charts need no gap logic. */
  async groupStats(groupId: number, query: GroupStatsQuery = {}): Promise<GroupStats> {
    const q = parseInput(groupStatsQuery, query, 'query');
    const group = await this.guard(groupId);
    const g = group.group_id;
    const [all, members, activeMembers, top] = await Promise.all([
      this.stats.list(g, {}),
      this.users.count(g, {}),
      this.users.count(g, { active: true }),
      this.users.top(g, TOP_MEMBERS),
    ]);
    const totals = { messages: 0, joins: 0, leaves: 0, actions_by_type: {} as Record<string, number>, members, active_members: activeMembers };
    for (const d of all) {
      totals.messages += d.messages;
      totals.joins += d.joins;
      totals.leaves += d.leaves;
      for (const [k, v] of Object.entries(d.actions_by_type)) totals.actions_by_type[k] = (totals.actions_by_type[k] ?? 0) + v;
    }
    const byDay = new Map(all.map((d) => [d.day, d]));
    const today = this.clock().getTime();
    const days: Omit<DayStats, 'group_id'>[] = [];
    for (let i = q.days - 1; i >= 0; i -= 1) {
      const day = utcDay(new Date(today - i * DAY_MS));
      const d = byDay.get(day);
      days.push(
        d
          ? {
              day,
              messages: d.messages,
              joins: d.joins,
              leaves: d.leaves,
              actions_by_type: { ...d.actions_by_type },
              messages_by_hour: { ...d.messages_by_hour },
            }
          : { day, messages: 0, joins: 0, leaves: 0, actions_by_type: {}, messages_by_hour: {} },
      );
    }
    const top_members = top.map((u) => ({
      user_id: u.user_id,
      username: u.username,
      first_name: u.first_name,
      last_name: u.last_name,
      message_count: u.message_count,
    }));
    return { group_id: g, totals, days, top_members };
  }

  async userStats(groupId: number, userId: number): Promise<UserStats> {
    const uid = parseInput(userIdSchema, userId, 'user id');
    const group = await this.guard(groupId);
    const user = await this.users.get(group.group_id, uid);
    if (!user) throw AppError.notFound(`user ${uid} in group ${group.group_id}`);
    const settings = await this.settings.get(group.group_id);
    const now = this.clock();
    const cutoff = warnCutoff(settings, now);
    const [byType, warns] = await Promise.all([
      this.actions.countByType(group.group_id, { user_id: uid }),
      this.actions.find(group.group_id, { user_id: uid, action_type: 'warn', status: 'applied', since: cutoff }, 1000),
    ]);
    return {
      group_id: group.group_id,
      user_id: uid,
      message_count: user.message_count,
      joined_at: user.joined_at,
      last_seen_at: user.last_seen_at,
      active_warnings: warns.filter((a) => isActiveWarn(a, cutoff, now)).length,
      actions_by_type: Object.fromEntries(Object.entries(byType).filter((e): e is [string, number] => e[1] !== undefined)),
    };
  }
}
