import { z } from 'zod';
import type { ApiClient } from '../../connect/api-client.js';
import { groupPath, type Action, type User } from '../../domain/index.js';
import type { AuthContext } from '../../shared/auth/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { toCsv, type Cell } from './csv.js';

/** A report holds at most this many rows: one bounded answer, never a whole database in memory. */
export const MAX_REPORT_ROWS = 10_000;
const PAGE = 100;

const period = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) });

/** Columns that are fields of the row, named as the api names them. */
const fieldColumns = <T>(fields: readonly (keyof T & string)[]) => fields.map((f) => [f, (row: T) => row[f] as Cell] as const);

const MEMBER_COLUMNS = fieldColumns<User>([
  'user_id',
  'username',
  'first_name',
  'last_name',
  'role',
  'is_active',
  'message_count',
  'joined_at',
  'last_seen_at',
]);
const ACTION_COLUMNS = fieldColumns<Action>(['id', 'created_at', 'action_type', 'user_id', 'admin_id', 'reason', 'duration', 'status', 'source']);

type DayRow = { day: string; messages: number; joins: number; leaves: number; actions_by_type: Record<string, number> };
const DAY_COLUMNS = [
  ['day', (d: DayRow) => d.day],
  ['messages', (d: DayRow) => d.messages],
  ['joins', (d: DayRow) => d.joins],
  ['leaves', (d: DayRow) => d.leaves],
  ['actions', (d: DayRow) => Object.values(d.actions_by_type).reduce((n, v) => n + v, 0)],
] as const;

/** Pages through a list until it ends, `stop` says so, or MAX_REPORT_ROWS is reached. */
async function collect<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>,
  stop: (row: T) => boolean = () => false,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    for (const row of page.items) {
      if (stop(row) || rows.length >= MAX_REPORT_ROWS) return rows;
      rows.push(row);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return rows;
}

/**
 * Reports as CSV for a chosen period (the seed's admin panel "generates reports"): members,
 * moderation actions and daily statistics, each read through the api as the person asking.
 */
export function reportRoutes(t: RouteScope, apiFor: (auth: AuthContext) => ApiClient, now: () => Date = () => new Date()): void {
  const base = { method: 'get', tag: 'reports', params: groupPath, produces: 'text/csv' } as const;
  t.add(
    {
      ...base,
      path: '/groups/:groupId/reports/members.csv',
      operationId: 'reportMembers',
      summary: `Members as CSV (up to ${MAX_REPORT_ROWS})`,
      permission: 'members.view',
    },
    async ({ params, auth }) => {
      const api = apiFor(auth);
      const rows = await collect((cursor) => api.listUsers(params.groupId, { limit: PAGE, cursor }));
      return { data: toCsv(MEMBER_COLUMNS, rows), file: `members-${params.groupId}.csv` };
    },
  );
  t.add(
    {
      ...base,
      path: '/groups/:groupId/reports/actions.csv',
      operationId: 'reportActions',
      summary: `Moderation actions of the last \`days\` as CSV, newest first (up to ${MAX_REPORT_ROWS})`,
      query: period,
      permission: 'logs.view',
    },
    async ({ params, query, auth }) => {
      const { days } = period.parse(query);
      const since = now().getTime() - days * 86_400_000;
      const api = apiFor(auth);
      const rows = await collect(
        (cursor) => api.listActions(params.groupId, { limit: PAGE, cursor }),
        (a) => a.created_at.getTime() < since,
      );
      return { data: toCsv(ACTION_COLUMNS, rows), file: `actions-${params.groupId}-${days}d.csv` };
    },
  );
  t.add(
    {
      ...base,
      path: '/groups/:groupId/reports/stats.csv',
      operationId: 'reportStats',
      summary: 'Daily statistics of the last `days` as CSV',
      query: period,
      permission: 'stats.view',
    },
    async ({ params, query, auth }) => {
      const { days } = period.parse(query);
      const stats = await apiFor(auth).groupStats(params.groupId, { days });
      return { data: toCsv(DAY_COLUMNS, stats.days), file: `stats-${params.groupId}-${days}d.csv` };
    },
  );
}
