import { expect } from 'chai';
import type { Store } from '../../domain/store.js';
import { at, drain, nextGroupId, userDefaults } from './fixtures.js';

export function usersContract(store: () => Store): void {
  describe('users', () => {
    const big = 4_503_599_627_370_000;

    it('when a user is upserted twice, then the second keeps created_at and counters and changes only the given fields', async () => {
      const g = nextGroupId();
      const first = await store().users.upsert(g, big, { username: 'Alice_1', first_name: 'Alice' }, userDefaults, at(1));
      expect(first).to.include({ group_id: g, user_id: big, username: 'Alice_1', role: 'member', message_count: 0 });
      await store().users.incMessages(g, big, 3, at(2));
      const second = await store().users.upsert(g, big, { last_name: 'Smith' }, userDefaults, at(3));
      expect(second).to.include({ username: 'Alice_1', first_name: 'Alice', last_name: 'Smith', message_count: 3 });
      expect(second.created_at.getTime()).to.equal(at(1).getTime());
      expect(second.updated_at.getTime()).to.equal(at(3).getTime());
      const stored = await store().users.get(g, big);
      expect(stored?.last_seen_at?.getTime()).to.equal(at(2).getTime());
      expect(stored?.message_count).to.equal(3);
    });

    it('when the most active members are asked for, then they come by message count, ties by id, without members who never wrote, up to the limit', async () => {
      const g = nextGroupId();
      const other = nextGroupId();
      for (const [id, messages] of [
        [5, 2],
        [3, 9],
        [8, 2],
        [1, 0],
        [9, 1],
      ] as const) {
        await store().users.upsert(g, id, { first_name: `u${id}` }, userDefaults, at(1));
        if (messages) await store().users.incMessages(g, id, messages, at(2));
      }
      await store().users.upsert(other, 4, {}, userDefaults, at(1));
      await store().users.incMessages(other, 4, 50, at(2));
      expect((await store().users.top(g, 3)).map((u) => [u.user_id, u.message_count])).to.deep.equal([
        [3, 9],
        [5, 2],
        [8, 2],
      ]);
      expect((await store().users.top(g, 10)).map((u) => u.user_id)).to.deep.equal([3, 5, 8, 9]);
    });

    it('when many users are upserted, then inserted and updated are counted and all are stored', async () => {
      const g = nextGroupId();
      await store().users.upsert(g, 1, { first_name: 'old' }, userDefaults, at(0));
      const rows = Array.from({ length: 50 }, (_, i) => ({ user_id: i + 1, set: { first_name: `u${i + 1}` } }));
      const res = await store().users.upsertMany(g, rows, userDefaults, at(1));
      expect(res).to.deep.equal({ inserted: 49, updated: 1 });
      expect(await store().users.count(g, {})).to.equal(50);
      expect((await store().users.get(g, 1))?.first_name).to.equal('u1');
    });

    it('when a user is in several groups, then memberships lists each with the role there, by group id, up to the limit', async () => {
      const person = 6_000_000 + Math.floor(Math.random() * 1e6);
      const [a, b, c] = [nextGroupId(), nextGroupId(), nextGroupId()].sort((x, y) => x - y) as [number, number, number];
      await store().users.upsert(b, person, { role: 'admin' }, userDefaults, at(0));
      await store().users.upsert(a, person, {}, userDefaults, at(0));
      await store().users.upsert(c, person + 1, {}, userDefaults, at(0));
      expect(await store().users.memberships(person, 10)).to.deep.equal([
        { group_id: a, role: 'member' },
        { group_id: b, role: 'admin' },
      ]);
      expect(await store().users.memberships(person, 1)).to.deep.equal([{ group_id: a, role: 'member' }]);
      expect(await store().users.memberships(person + 2, 10)).to.deep.equal([]);
    });

    it('when a user is looked up by username in another case, then it is found', async () => {
      const g = nextGroupId();
      await store().users.upsert(g, 7, { username: 'CamelCase' }, userDefaults, at(0));
      expect((await store().users.getByUsername(g, 'camelcase'))?.user_id).to.equal(7);
      expect(await store().users.getByUsername(g, 'other')).to.equal(null);
      expect(await store().users.getByUsername(nextGroupId(), 'camelcase')).to.equal(null);
    });

    it('when users are updated, then the patch is stored and unknown users answer null', async () => {
      const g = nextGroupId();
      await store().users.upsert(g, 5, {}, userDefaults, at(0));
      const u = await store().users.update(g, 5, { role: 'moderator', is_active: false }, at(1));
      expect(u).to.include({ role: 'moderator', is_active: false });
      expect(await store().users.get(g, 5)).to.include({ role: 'moderator' });
      expect(await store().users.update(g, 6, { role: 'x' }, at(1))).to.equal(null);
      await store().users.incMessages(g, 6, 1, at(1));
      expect(await store().users.get(g, 6)).to.equal(null);
    });

    it('when users are searched, then part of a username, first or last name matches in any case, and regex characters are plain text', async () => {
      const g = nextGroupId();
      await store().users.upsert(g, 1, { username: 'Ada_L', first_name: 'Ada', last_name: 'Lovelace' }, userDefaults, at(0));
      await store().users.upsert(g, 2, { username: 'grace', first_name: 'Grace', last_name: 'Hopper' }, userDefaults, at(0));
      await store().users.upsert(g, 3, { first_name: 'a.b*', last_name: null }, userDefaults, at(0));
      const ids = async (q: string) => (await store().users.list(g, { q }, { limit: 10 })).items.map((u) => u.user_id);
      expect(await ids('ada_l')).to.deep.equal([1]);
      expect(await ids('LOVE')).to.deep.equal([1]);
      expect(await ids('hopp')).to.deep.equal([2]);
      expect(await ids('a')).to.deep.equal([1, 2, 3]);
      expect(await ids('.b*')).to.deep.equal([3]);
      expect(await ids('zzz')).to.deep.equal([]);
      const first = await store().users.list(g, { q: 'a' }, { limit: 2 });
      const rest = await store().users.list(g, { q: 'a' }, { limit: 2, cursor: first.next_cursor ?? undefined });
      expect(
        [...first.items, ...rest.items].map((u) => u.user_id),
        'paged search',
      ).to.deep.equal([1, 2, 3]);
    });

    it('when users are listed with filters across pages, then they come by user_id with no gaps or duplicates', async () => {
      const g = nextGroupId();
      const rows = Array.from({ length: 30 }, (_, i) => ({
        user_id: 1000 - i * 7,
        set: { role: i % 3 === 0 ? 'moderator' : 'member', is_active: i % 2 === 0 },
      }));
      await store().users.upsertMany(g, rows, userDefaults, at(0));
      await store().users.upsert(nextGroupId(), 1, {}, userDefaults, at(0));
      const all = await drain((cursor) => store().users.list(g, {}, { limit: 7, cursor }));
      expect(all.items.map((u) => u.user_id)).to.deep.equal(rows.map((r) => r.user_id).sort((a, b) => a - b));
      const mods = await drain((cursor) => store().users.list(g, { role: 'moderator', active: true }, { limit: 2, cursor }));
      const expected = rows
        .filter((r) => r.set.role === 'moderator' && r.set.is_active)
        .map((r) => r.user_id)
        .sort((a, b) => a - b);
      expect(mods.items.map((u) => u.user_id)).to.deep.equal(expected);
      expect(await store().users.count(g, { role: 'moderator', active: true })).to.equal(expected.length);
    });

    it('when a group is moved, then its users follow and users already at the new id win', async () => {
      const from = nextGroupId();
      const to = nextGroupId();
      await store().users.upsertMany(
        from,
        [
          { user_id: 1, set: { first_name: 'old1' } },
          { user_id: 2, set: { first_name: 'old2' } },
        ],
        userDefaults,
        at(0),
      );
      await store().users.upsert(to, 2, { first_name: 'new2' }, userDefaults, at(1));
      await store().users.moveGroup(from, to);
      expect(await store().users.count(from, {})).to.equal(0);
      expect((await store().users.get(to, 1))?.first_name).to.equal('old1');
      expect((await store().users.get(to, 1))?.group_id).to.equal(to);
      expect((await store().users.get(to, 2))?.first_name).to.equal('new2');
    });

    it('when a group is deleted, then deleteByGroup removes only its users', async () => {
      const g = nextGroupId();
      const other = nextGroupId();
      await store().users.upsert(g, 1, {}, userDefaults, at(0));
      await store().users.upsert(other, 1, {}, userDefaults, at(0));
      await store().users.deleteByGroup(g);
      expect(await store().users.get(g, 1)).to.equal(null);
      expect(await store().users.get(other, 1)).to.not.equal(null);
    });
  });
}
