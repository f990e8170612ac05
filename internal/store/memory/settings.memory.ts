import type { SettingsRepository } from '../../domain/settings/settings.repository.js';
import type { Settings } from '../../domain/settings/settings.schema.js';
import { copy, sync } from './ordered-table.js';

export function memorySettings(): SettingsRepository {
  const rows = new Map<number, Settings>();
  return {
    get: (groupId) => sync(() => copy(rows.get(groupId) ?? null)),
    put: (s) => sync(() => void rows.set(s.group_id, copy(s))),
    replaceIf: (s, expected) =>
      sync(() => {
        if (rows.get(s.group_id)?.updated_at.getTime() !== expected.getTime()) return false;
        rows.set(s.group_id, copy(s));
        return true;
      }),
    deleteByGroup: (groupId) => sync(() => void rows.delete(groupId)),
    moveGroup: (from, to) =>
      sync(() => {
        const s = rows.get(from);
        if (!s || from === to) return;
        if (!rows.has(to)) rows.set(to, { ...s, group_id: to });
        rows.delete(from);
      }),
  };
}
