import type { ApiClient } from '../../connect/api-client.js';
import type { Rule, Settings } from '../../domain/index.js';

interface Entry {
  settings: Settings;
  rules: Rule[];
  at: number;
}

/**
 * Settings and active rules per group, read on every message by automod. Held in process
 * for a few seconds so a busy group costs the api one read per window, not one per message;
 * the bot's own changes drop the entry at once, other writers are seen within the window.
 * budget: bot-throughput (docs/budgets.md)
 */
export class GroupConfig {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number,
    private readonly ttlMs = 10_000,
  ) {}

  async get(groupId: number): Promise<{ settings: Settings; rules: Rule[] }> {
    const hit = this.entries.get(groupId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit;
    const [settings, rules] = await Promise.all([this.api.getSettings(groupId), this.api.listRules(groupId)]);
    const entry = { settings, rules: rules.items.filter((r) => r.is_active), at: this.now() };
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(groupId, entry);
    return entry;
  }

  forget(groupId: number): void {
    this.entries.delete(groupId);
  }
}
