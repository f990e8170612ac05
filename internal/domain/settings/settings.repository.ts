import type { Settings } from './settings.schema.js';

export interface SettingsRepository {
  get(groupId: number): Promise<Settings | null>;
  /** Writes the whole document (insert or replace). */
  put(settings: Settings): Promise<void>;
  /** Replaces the document only while its stored updated_at is `expected`, in one atomic step; false when it was not. */
  replaceIf(settings: Settings, expected: Date): Promise<boolean>;
  deleteByGroup(groupId: number): Promise<void>;
  moveGroup(fromGroup: number, toGroup: number): Promise<void>;
}
