import { expect } from 'chai';
import { DAY_MS } from '../common/context.js';
import { expectCode, newGroupId, setup } from '../common/services.test-support.js';

describe('StatsService', () => {
  it('when events are recorded across UTC days, then counters add up per day and the last N days are zero-filled', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'stats' });
    h.clock.set(new Date('2026-03-10T23:59:59.000Z'));
    await h.services.stats.record(g, { messages: 2, joins: 1 });
    await Promise.all([h.services.stats.record(g, { messages: 1 }), h.services.stats.record(g, { messages: 1 })]);
    h.clock.advance(2000);
    await h.services.stats.record(g, { leaves: 1 });
    await h.services.actions.create(g, { user_id: 5, action_type: 'ban' });
    await h.services.users.bulkUpsert(g, { users: [{ user_id: 1, first_name: 'Ann' }, { user_id: 2, is_active: false }, { user_id: 3 }] });
    // Messages of members: the most active come first, ties by id, members without any are left out.
    await h.services.users.recordMessage(g, 2, 3);
    await h.services.users.recordMessage(g, 1, 3);
    const s = await h.services.stats.groupStats(g, { days: 3 });
    expect(s.totals).to.deep.equal({ messages: 4, joins: 1, leaves: 1, actions_by_type: { ban: 1 }, members: 3, active_members: 2 });
    expect(s.days).to.deep.equal([
      { day: '2026-03-09', messages: 0, joins: 0, leaves: 0, actions_by_type: {}, messages_by_hour: {} },
      // Counted at 23:59:59 UTC: the day's messages are all in hour 23.
      { day: '2026-03-10', messages: 4, joins: 1, leaves: 0, actions_by_type: {}, messages_by_hour: { '23': 4 } },
      { day: '2026-03-11', messages: 0, joins: 0, leaves: 1, actions_by_type: { ban: 1 }, messages_by_hour: {} },
    ]);
    expect(s.top_members.map((m) => [m.user_id, m.first_name, m.message_count])).to.deep.equal([
      [1, 'Ann', 3],
      [2, null, 3],
    ]);
    expect(await h.store.stats.list(g, {})).to.have.length(2);
  });

  it('when a member has messages, actions and expired warns, then user stats count only active warns', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'stats' });
    await h.services.users.upsert(g, 7, {});
    await h.services.users.recordMessage(g, 7, 5);
    await h.services.actions.create(g, { user_id: 7, action_type: 'warn' });
    h.clock.advance(40 * DAY_MS);
    await h.services.actions.create(g, { user_id: 7, action_type: 'warn' });
    await h.services.actions.create(g, { user_id: 7, action_type: 'mute' });
    const s = await h.services.stats.userStats(g, 7);
    expect(s).to.deep.include({ message_count: 5, active_warnings: 1, actions_by_type: { warn: 2, mute: 1 } });
    await expectCode(h.services.stats.userStats(g, 8), 'NOT_FOUND');
    await expectCode(h.services.stats.groupStats(g, { days: 0 }), 'VALIDATION_FAILED');
  });
});
