import { expect } from 'chai';
import type { Action } from '../../domain/actions/actions.schema.js';
import type { LogEntry } from '../../domain/audit/audit.schema.js';
import { newId } from '../../domain/common/id.js';
import type { Group } from '../../domain/groups/groups.schema.js';
import type { Role } from '../../domain/roles/roles.schema.js';
import type { Rule } from '../../domain/rules/rules.schema.js';
import { DEFAULT_SETTINGS, type Settings } from '../../domain/settings/settings.schema.js';
import type { UserInsertDefaults } from '../../domain/users/users.repository.js';
import type { Store } from '../../domain/store.js';
import { isAppError } from '../../shared/errors.js';

/** Builds a fresh, empty store for one test; `close` is called after it. */
export type StoreFactory = () => Promise<Store>;

let seq = 0;
/** Supergroup-sized ids (beyond Int32) so every test also proves 52-bit ids survive. */
export function nextGroupId(): number {
  seq += 1;
  return -(1_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000 + seq);
}

export const T0 = new Date('2026-01-01T00:00:00.000Z');
export const at = (sec: number) => new Date(T0.getTime() + sec * 1000);

export function group(id: number, over: Partial<Group> = {}): Group {
  return {
    group_id: id,
    name: `group ${id}`,
    description: '',
    member_count: 0,
    admin_count: 0,
    is_active: true,
    photo_url: null,
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

export function role(groupId: number, name: string, over: Partial<Role> = {}): Role {
  return { group_id: groupId, name, permissions: [], priority: 0, color: null, description: '', created_at: T0, updated_at: T0, ...over };
}

export function rule(groupId: number, name: string, over: Partial<Rule> = {}): Rule {
  return {
    group_id: groupId,
    rule_name: name,
    description: '',
    penalty: 'none',
    penalty_duration: null,
    priority: 0,
    is_active: true,
    trigger: null,
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

export function settings(groupId: number, over: Partial<Settings> = {}): Settings {
  return { group_id: groupId, ...structuredClone(DEFAULT_SETTINGS), updated_at: T0, ...over };
}

export const userDefaults: UserInsertDefaults = {
  username: null,
  first_name: null,
  last_name: null,
  role: 'member',
  is_active: true,
  message_count: 0,
  joined_at: null,
  last_seen_at: null,
};

export function action(groupId: number, over: Partial<Action> = {}): Action {
  const created = over.created_at ?? T0;
  return {
    id: newId(created),
    group_id: groupId,
    user_id: 4_503_599_627_370_495,
    admin_id: null,
    action_type: 'warn',
    reason: null,
    duration: null,
    status: 'applied',
    expires_at: null,
    source: 'api',
    rule_name: null,
    created_at: created,
    updated_at: created,
    ...over,
  };
}

export function log(groupId: number, over: Partial<LogEntry> = {}): LogEntry {
  const ts = over.timestamp ?? new Date();
  return {
    id: newId(ts),
    group_id: groupId,
    event_type: 'test.event',
    severity: 'info',
    message: 'm',
    actor_id: null,
    actor: { type: 'system', service: null, user_id: null },
    data: {},
    timestamp: ts,
    ...over,
  };
}

export async function expectAppError(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    expect(isAppError(err), `expected AppError, got ${String(err)}`).to.equal(true);
    if (isAppError(err)) expect(err.code).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}, but it resolved`);
}

/** Pages through `fetch` to the end and returns every item in order. */
export async function drain<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await fetch(cursor);
    pages += 1;
    items.push(...page.items);
    if (page.next_cursor === null) return { items, pages };
    cursor = page.next_cursor;
    if (pages > 1000) throw new Error('pagination does not end');
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
