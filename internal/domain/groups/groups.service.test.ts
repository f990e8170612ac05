import { expect } from 'chai';
import { createMemoryStore } from '../../store/memory/memory.store.js';
import { AppError } from '../../shared/errors.js';
import { auditOf, expectCode, newGroupId, setup } from '../common/services.test-support.js';
import { PERMISSIONS } from '../permissions/permissions.schema.js';

describe('GroupsService', () => {
  it('when a group is created, then it gets the four default roles, default settings and one audit entry naming the actor', async () => {
    const h = setup();
    const id = newGroupId();
    const g = await h.services.groups.create({ group_id: id, name: 'My Group' }, { actor_id: 777 });
    expect(g).to.include({ group_id: id, name: 'My Group', is_active: true, member_count: 0 });
    const roles = (await h.store.roles.list(id, { limit: 100 })).items;
    const perms = Object.fromEntries(roles.map((r) => [r.name, [...r.permissions].sort()]));
    expect(perms).to.deep.equal({
      owner: [...PERMISSIONS].sort(),
      admin: PERMISSIONS.filter((p) => p !== 'roles.manage').sort(),
      moderator: ['delete', 'kick', 'logs.view', 'members.view', 'mute', 'warn'],
      member: [],
    });
    expect(await h.store.settings.get(id)).to.include({ warn_limit: 3, warn_mode: 'ban', warn_expiry_days: 30 });
    const audit = await auditOf(h, id);
    expect(audit.map((e) => [e.event_type, e.actor_id])).to.deep.equal([['group.created', 777]]);
  });

  it('when a person lists their groups, then each comes with its messages over the last 7 UTC days, today included, and nothing older', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'busy' });
    await h.services.users.upsert(g, 31, { role: 'admin' });
    h.clock.set(new Date('2026-03-01T12:00:00.000Z'));
    await h.services.stats.record(g, { messages: 100 }); // 8 days before the 9th: outside
    h.clock.set(new Date('2026-03-03T00:00:01.000Z'));
    await h.services.stats.record(g, { messages: 5 }); // the first of the 7 days
    h.clock.set(new Date('2026-03-09T23:00:00.000Z'));
    await h.services.stats.record(g, { messages: 2 });
    const [card] = (await h.services.groups.forPerson(31)).items;
    expect(card).to.include({ group_id: g, name: 'busy', messages_7d: 7 });
  });

  it('when a group id already exists, then create is a CONFLICT and the stored group is untouched', async () => {
    const h = setup();
    const id = newGroupId();
    await h.services.groups.create({ group_id: id, name: 'first' });
    await expectCode(h.services.groups.create({ group_id: id, name: 'second' }), 'CONFLICT');
    expect((await h.store.groups.get(id))?.name).to.equal('first');
    expect((await h.store.roles.list(id, { limit: 100 })).items).to.have.length(4);
    expect(await auditOf(h, id)).to.have.length(1);
  });

  it('when the body is invalid, then create is VALIDATION_FAILED with details and nothing is written', async () => {
    const h = setup();
    const err = await expectCode(h.services.groups.create({ group_id: 5, name: '' }), 'VALIDATION_FAILED');
    expect(err instanceof AppError ? err.details.map((d) => d.path).sort() : []).to.deep.equal(['group_id', 'name']);
    await expectCode(h.services.groups.create({ group_id: 1.5 * 2 ** 53, name: 'x' }), 'VALIDATION_FAILED');
    await expectCode(h.services.groups.create({ group_id: -5, name: 'x', extra: 1 } as never), 'VALIDATION_FAILED');
    expect((await h.store.groups.list({}, { limit: 10 })).items).to.deep.equal([]);
  });

  it('when the group write fails after roles and settings, then they are removed and no group exists', async () => {
    const store = createMemoryStore();
    const failing = { ...store, groups: { ...store.groups, insert: () => Promise.reject(AppError.unavailable('database')) } };
    const h = setup(failing);
    const id = newGroupId();
    await expectCode(h.services.groups.create({ group_id: id, name: 'x' }), 'DEPENDENCY_UNAVAILABLE');
    expect(await store.groups.get(id)).to.equal(null);
    expect((await store.roles.list(id, { limit: 10 })).items).to.deep.equal([]);
    expect(await store.settings.get(id)).to.equal(null);
  });

  it('when a group is deleted, then its dependents go, the audit trail stays, and the id can be created again', async () => {
    const h = setup();
    const id = newGroupId();
    await h.services.groups.create({ group_id: id, name: 'x' });
    await h.services.users.upsert(id, 10, { first_name: 'a' });
    await h.services.rules.create(id, { rule_name: 'no-links', penalty: 'warn' });
    await h.services.groups.delete(id, { actor_id: 5 });
    await expectCode(h.services.groups.get(id), 'NOT_FOUND');
    expect(await h.store.users.get(id, 10)).to.equal(null);
    expect(await h.store.rules.get(id, 'no-links')).to.equal(null);
    expect((await h.store.logs.list(id, {}, { limit: 10 })).items[0]).to.include({ event_type: 'group.deleted', actor_id: 5 });
    await h.services.groups.create({ group_id: id, name: 'again' });
    expect((await h.store.roles.list(id, { limit: 10 })).items).to.have.length(4);
    await expectCode(h.services.groups.delete(newGroupId()), 'NOT_FOUND');
  });

  it('when groups are listed through pages with filters, then each match comes once and no other', async () => {
    const h = setup();
    const ids: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const id = newGroupId();
      await h.services.groups.create({ group_id: id, name: i % 2 ? `Crypto ${i}` : `Cooking ${i}`, is_active: i % 5 !== 0 });
      if (i % 2 && i % 5 !== 0) ids.push(id);
      h.clock.advance(i % 3 ? 1000 : 0);
    }
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.services.groups.list({ q: 'crypto', active: 'true', limit: '3', ...(cursor ? { cursor } : {}) } as never);
      seen.push(...page.items.map((g) => g.group_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).to.deep.equal(ids.sort());
    await expectCode(h.services.groups.list({ limit: 101 }), 'VALIDATION_FAILED');
    await expectCode(h.services.groups.list({ cursor: 'garbage' }), 'VALIDATION_FAILED');
  });

  it('when a group is patched, then the change is stored with one audit entry, and an empty patch is refused', async () => {
    const h = setup();
    const id = newGroupId();
    await h.services.groups.create({ group_id: id, name: 'x' });
    h.clock.advance(5000);
    const g = await h.services.groups.update(id, { name: 'renamed', member_count: 12 }, { actor_id: 3 });
    expect(g.updated_at.getTime()).to.equal(h.clock().getTime());
    expect(await h.store.groups.get(id)).to.include({ name: 'renamed', member_count: 12 });
    await expectCode(h.services.groups.update(id, {}), 'VALIDATION_FAILED');
    await expectCode(h.services.groups.update(newGroupId(), { name: 'y' }), 'NOT_FOUND');
    expect((await auditOf(h, id)).map((e) => e.event_type)).to.deep.equal(['group.updated', 'group.created']);
  });

  it('when a group migrates to a supergroup id, then all its data moves and the old id is gone', async () => {
    const h = setup();
    const oldId = -123456789;
    const newId = -1009876543210;
    await h.services.groups.create({ group_id: oldId, name: 'small' });
    await h.services.users.upsert(oldId, 42, { username: 'someone', role: 'moderator' });
    await h.services.rules.create(oldId, { rule_name: 'r1' });
    await h.services.settings.update(oldId, { warn_limit: 5 });
    const { action } = await h.services.actions.create(oldId, { user_id: 42, action_type: 'warn' });
    await h.services.stats.record(oldId, { messages: 3 });
    const moved = await h.services.groups.migrateGroup(oldId, newId, { actor_id: 1 });
    expect(moved).to.include({ group_id: newId, name: 'small' });
    await expectCode(h.services.groups.get(oldId), 'NOT_FOUND');
    expect(await h.store.users.get(newId, 42)).to.include({ role: 'moderator', group_id: newId });
    expect(await h.store.rules.get(newId, 'r1')).to.not.equal(null);
    expect((await h.store.roles.list(newId, { limit: 10 })).items).to.have.length(4);
    expect(await h.store.settings.get(newId)).to.include({ warn_limit: 5 });
    expect(await h.store.actions.get(newId, action.id)).to.include({ group_id: newId });
    expect((await h.store.stats.list(newId, {}))[0]).to.include({ messages: 3 });
    expect((await auditOf(h, newId))[0]).to.include({ event_type: 'group.migrated', actor_id: 1 });
    expect((await h.store.users.list(oldId, {}, { limit: 10 })).items).to.deep.equal([]);
    await expectCode(h.services.groups.migrateGroup(oldId, newId), 'NOT_FOUND');
  });

  it('when a migration target is an unrelated existing group, then it is a CONFLICT and nothing moves', async () => {
    const h = setup();
    const a = newGroupId();
    const b = newGroupId();
    await h.services.groups.create({ group_id: a, name: 'a' });
    h.clock.advance(1000);
    await h.services.groups.create({ group_id: b, name: 'b' });
    await h.services.users.upsert(a, 1, {});
    await expectCode(h.services.groups.migrateGroup(a, b), 'CONFLICT');
    expect(await h.store.users.get(a, 1)).to.not.equal(null);
    expect(await h.store.users.get(b, 1)).to.equal(null);
  });
});
