import { expect } from 'chai';
import { auditOf, expectCode, newGroupId, setup, type Harness } from '../common/services.test-support.js';

describe('UsersService', () => {
  let h: Harness;
  let g: number;

  beforeEach(async () => {
    h = setup();
    g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'users' });
  });

  it('when a member is put twice, then the second keeps what it did not name and each write is audited', async () => {
    await h.services.users.upsert(g, 10, { username: '@Alice_X', first_name: 'Alice' }, { actor_id: 1 });
    await h.services.users.recordMessage(g, 10, 2);
    const u = await h.services.users.upsert(g, 10, { last_name: 'L', joined_at: '2026-01-01T00:00:00Z' }, { actor_id: 2 });
    expect(u).to.include({ username: 'Alice_X', first_name: 'Alice', last_name: 'L', message_count: 2, role: 'member' });
    expect(u.joined_at?.toISOString()).to.equal('2026-01-01T00:00:00.000Z');
    expect((await h.services.users.getByUsername(g, 'alice_x')).user_id).to.equal(10);
    expect((await auditOf(h, g)).slice(0, 2).map((e) => [e.event_type, e.actor_id])).to.deep.equal([
      ['user.upserted', 2],
      ['user.upserted', 1],
    ]);
  });

  it('when a role does not exist in the group, then put and patch are a CONFLICT and nothing is stored', async () => {
    await expectCode(h.services.users.upsert(g, 11, { role: 'wizard' }), 'CONFLICT');
    expect(await h.store.users.get(g, 11)).to.equal(null);
    await h.services.users.upsert(g, 11, { role: 'moderator' });
    await expectCode(h.services.users.update(g, 11, { role: 'wizard' }), 'CONFLICT');
    expect(await h.store.users.get(g, 11)).to.include({ role: 'moderator' });
    await expectCode(h.services.users.update(g, 12, { is_active: false }), 'NOT_FOUND');
    await expectCode(h.services.users.get(newGroupId(), 11), 'NOT_FOUND');
  });

  it("when the group's last owner would be given another role, then it is a CONFLICT; with a second owner, the change goes through", async () => {
    await h.services.users.upsert(g, 51, { role: 'owner' });
    await expectCode(h.services.users.update(g, 51, { role: 'admin' }), 'CONFLICT');
    expect((await h.services.users.get(g, 51)).role).to.equal('owner');
    await h.services.users.upsert(g, 52, { role: 'owner' });
    expect((await h.services.users.update(g, 51, { role: 'admin' })).role).to.equal('admin');
    await expectCode(h.services.users.update(g, 52, { role: 'member' }), 'CONFLICT');
  });

  it('when a bulk of 1000 members is upserted, then all are stored with one audit entry', async () => {
    const users = Array.from({ length: 1000 }, (_, i) => ({ user_id: 5_000_000_000 + i, first_name: `u${i}` }));
    const res = await h.services.users.bulkUpsert(g, { users }, { actor_id: 3 });
    expect(res).to.deep.equal({ inserted: 1000, updated: 0 });
    expect(await h.store.users.count(g, {})).to.equal(1000);
    const audit = (await auditOf(h, g)).filter((e) => e.event_type === 'user.bulk_upserted');
    expect(audit.map((e) => e.actor_id)).to.deep.equal([3]);
  });

  it('when a bulk is too large, repeats a user or has one bad row, then nothing at all is written', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ user_id: i + 1 }));
    await expectCode(h.services.users.bulkUpsert(g, { users: tooMany }), 'VALIDATION_FAILED');
    await expectCode(h.services.users.bulkUpsert(g, { users: [{ user_id: 1 }, { user_id: 1 }] }), 'VALIDATION_FAILED');
    await expectCode(h.services.users.bulkUpsert(g, { users: [{ user_id: 1 }, { user_id: 2, role: 'ghost' }] }), 'CONFLICT');
    await expectCode(h.services.users.bulkUpsert(g, { users: [{ user_id: 1 }, { user_id: 0.5 }] }), 'VALIDATION_FAILED');
    expect(await h.store.users.count(g, {})).to.equal(0);
  });

  it('when members are listed across pages, then each comes once in user_id order', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => 9_000_000_000_000 - i * 13);
    await h.services.users.bulkUpsert(g, { users: ids.map((user_id) => ({ user_id })) });
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.services.users.list(g, { limit: 4, cursor });
      seen.push(...page.items.map((u) => u.user_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).to.deep.equal([...ids].sort((a, b) => a - b));
  });
});
