import type { StatsRepository } from '../../domain/stats/stats.repository.js';
import type { DayStats, StatsIncrement } from '../../domain/stats/stats.schema.js';
import { copy, sync } from './ordered-table.js';

function add(d: DayStats, by: StatsIncrement): void {
  d.messages += by.messages ?? 0;
  d.joins += by.joins ?? 0;
  d.leaves += by.leaves ?? 0;
  for (const [k, v] of Object.entries(by.actions_by_type ?? {})) d.actions_by_type[k] = (d.actions_by_type[k] ?? 0) + (v ?? 0);
  for (const [h, v] of Object.entries(by.messages_by_hour ?? {})) d.messages_by_hour[h] = (d.messages_by_hour[h] ?? 0) + (v ?? 0);
}

export function memoryStats(): StatsRepository {
  const groups = new Map<number, Map<string, DayStats>>();
  const days = (g: number) => {
    let m = groups.get(g);
    if (!m) {
      m = new Map();
      groups.set(g, m);
    }
    return m;
  };
  return {
    inc: (groupId, day, by) =>
      sync(() => {
        const m = days(groupId);
        let d = m.get(day);
        if (!d) {
          d = { group_id: groupId, day, messages: 0, joins: 0, leaves: 0, actions_by_type: {}, messages_by_hour: {} };
          m.set(day, d);
        }
        add(d, by);
      }),
    list: (groupId, range) =>
      sync(() =>
        [...(groups.get(groupId)?.values() ?? [])]
          .filter((d) => (range.from === undefined || d.day >= range.from) && (range.to === undefined || d.day <= range.to))
          .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
          .map(copy),
      ),
    deleteByGroup: (groupId) => sync(() => void groups.delete(groupId)),
    moveGroup: (from, to) =>
      sync(() => {
        const src = groups.get(from);
        if (!src || from === to) return;
        const dst = days(to);
        for (const d of src.values()) {
          const there = dst.get(d.day);
          if (there) add(there, d);
          else dst.set(d.day, { ...d, group_id: to });
        }
        groups.delete(from);
      }),
  };
}
