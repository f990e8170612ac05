// The overview's numbers, shaped for its charts: pure, so they are tested without a browser.

export interface DayStats {
  day: string;
  messages: number;
  joins: number;
  leaves: number;
  actions_by_type: Record<string, number>;
  /** UTC hour ("0".."23") -> messages. */
  messages_by_hour: Record<string, number>;
}

export interface TopMember {
  user_id: number;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  message_count: number;
}

export interface GroupStats {
  totals: { messages: number; joins: number; leaves: number; actions_by_type: Record<string, number>; members: number; active_members: number };
  days: DayStats[];
  top_members: TopMember[];
}

/** The period's moderation actions by type, most first. */
export function actionsInPeriod(days: DayStats[]): [string, number][] {
  const sum: Record<string, number> = {};
  for (const d of days) for (const [k, v] of Object.entries(d.actions_by_type)) sum[k] = (sum[k] ?? 0) + v;
  return Object.entries(sum).sort(([, a], [, b]) => b - a);
}

/** The period's messages by hour of the day in the viewer's time zone (the api counts in UTC hours). */
export function messagesByLocalHour(days: DayStats[], offsetMinutes = new Date().getTimezoneOffset()): number[] {
  const hours = Array.from({ length: 24 }, () => 0);
  const shift = Math.round(-offsetMinutes / 60);
  for (const d of days) {
    for (const [h, v] of Object.entries(d.messages_by_hour)) {
      const local = (((Number(h) + shift) % 24) + 24) % 24;
      hours[local] = (hours[local] ?? 0) + v;
    }
  }
  return hours;
}

/** Every day of the period, oldest first, with zeros where the api has no row (a quiet day). */
export function fillDays(stats: DayStats[], period: number, today = new Date()): DayStats[] {
  const byDay = new Map(stats.map((d) => [d.day, d]));
  const out: DayStats[] = [];
  for (let i = period - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, messages: 0, joins: 0, leaves: 0, actions_by_type: {}, messages_by_hour: {} });
  }
  return out;
}
