import { expect } from 'chai';
import type { Store } from '../../domain/store.js';
import { action, at, drain, nextGroupId } from './fixtures.js';

export function activityContract(store: () => Store): void {
  describe('actions', () => {
    it('when an action is inserted, then get returns it with its string id', async () => {
      const g = nextGroupId();
      const a = action(g, { reason: 'spam', duration: 60, expires_at: at(60) });
      await store().actions.insert(a);
      expect(await store().actions.get(g, a.id)).to.deep.equal(a);
      expect(await store().actions.get(nextGroupId(), a.id)).to.equal(null);
    });

    it('when actions are listed with filters across pages, then they come newest first with no gaps or duplicates', async () => {
      const g = nextGroupId();
      const all = Array.from({ length: 17 }, (_, i) =>
        action(g, { user_id: i % 2 ? 11 : 22, action_type: i % 3 ? 'warn' : 'ban', status: i % 4 ? 'applied' : 'revoked', created_at: at(Math.floor(i / 3)) }),
      );
      for (const a of all) await store().actions.insert(a);
      const got = await drain((cursor) => store().actions.list(g, {}, { limit: 4, cursor }));
      expect(got.items.map((a) => a.id)).to.deep.equal(
        [...all].sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1)).map((a) => a.id),
      );
      const f = { user_id: 11, action_type: 'warn' as const, status: 'applied' as const };
      const filtered = await drain((cursor) => store().actions.list(g, f, { limit: 2, cursor }));
      const expected = all.filter((a) => a.user_id === 11 && a.action_type === 'warn' && a.status === 'applied');
      expect(filtered.items.map((a) => a.id).sort()).to.deep.equal(expected.map((a) => a.id).sort());
      const since = await store().actions.find(g, { since: at(4) }, 100);
      expect(since.map((a) => a.id).sort()).to.deep.equal(
        all
          .filter((a) => a.created_at >= at(4))
          .map((a) => a.id)
          .sort(),
      );
      const counts = await store().actions.countByType(g, { user_id: 22 });
      expect(counts).to.deep.equal({
        warn: all.filter((a) => a.user_id === 22 && a.action_type === 'warn').length,
        ban: all.filter((a) => a.user_id === 22 && a.action_type === 'ban').length,
      });
    });

    it('when a transition expects a status the action no longer has, then it answers null and changes nothing', async () => {
      const g = nextGroupId();
      const a = action(g);
      await store().actions.insert(a);
      const moved = await store().actions.transition(g, a.id, 'applied', { status: 'revoked', updated_at: at(9) });
      expect(moved?.status).to.equal('revoked');
      expect(await store().actions.transition(g, a.id, 'applied', { status: 'expired' })).to.equal(null);
      expect((await store().actions.get(g, a.id))?.status).to.equal('revoked');
    });
  });

  describe('stats', () => {
    it('when counters are incremented concurrently, then every increment counts', async () => {
      const g = nextGroupId();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store().stats.inc(g, '2026-01-02', { messages: 1, joins: i % 2, actions_by_type: { ban: 1 }, messages_by_hour: { [String(i % 3)]: 1 } }),
        ),
      );
      await store().stats.inc(g, '2026-01-01', { leaves: 2, actions_by_type: { warn: 3 } });
      const days = await store().stats.list(g, {});
      expect(days).to.deep.equal([
        { group_id: g, day: '2026-01-01', messages: 0, joins: 0, leaves: 2, actions_by_type: { warn: 3 }, messages_by_hour: {} },
        { group_id: g, day: '2026-01-02', messages: 20, joins: 10, leaves: 0, actions_by_type: { ban: 20 }, messages_by_hour: { '0': 7, '1': 7, '2': 6 } },
      ]);
      expect((await store().stats.list(g, { from: '2026-01-02' })).map((d) => d.day)).to.deep.equal(['2026-01-02']);
      expect((await store().stats.list(g, { to: '2026-01-01' })).map((d) => d.day)).to.deep.equal(['2026-01-01']);
    });

    it('when stats move to a group that already has the same day, then the counters add up', async () => {
      const from = nextGroupId();
      const to = nextGroupId();
      await store().stats.inc(from, '2026-01-01', { messages: 5, actions_by_type: { ban: 1 }, messages_by_hour: { '9': 5 } });
      await store().stats.inc(from, '2026-01-02', { messages: 1 });
      await store().stats.inc(to, '2026-01-01', { messages: 2, actions_by_type: { ban: 1, kick: 1 }, messages_by_hour: { '9': 1, '10': 1 } });
      await store().stats.moveGroup(from, to);
      expect(await store().stats.list(from, {})).to.deep.equal([]);
      expect(await store().stats.list(to, {})).to.deep.equal([
        { group_id: to, day: '2026-01-01', messages: 7, joins: 0, leaves: 0, actions_by_type: { ban: 2, kick: 1 }, messages_by_hour: { '9': 6, '10': 1 } },
        { group_id: to, day: '2026-01-02', messages: 1, joins: 0, leaves: 0, actions_by_type: {}, messages_by_hour: {} },
      ]);
    });
  });
}
