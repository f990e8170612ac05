import type { Settings } from './settings.schema.js';

export interface SettingsRepository {
  get(groupId: number): Promise<Settings | null>;
  /** Writes the whole document (insert or replace). */
  put(settings: Settings): Promise<void>;
  deleteByGroup(groupId: number): Promise<void>;
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
