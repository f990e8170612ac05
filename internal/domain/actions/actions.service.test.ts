import { expect } from 'chai';
import { DAY_MS } from '../common/context.js';
import { auditOf, expectCode, newGroupId, setup, type Harness } from '../common/services.test-support.js';

describe('ActionsService', () => {
  let h: Harness;
  let g: number;
  const U = 4_500_000_000_123;

  beforeEach(async () => {
    h = setup();
    g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'warns' });
  });

  const warn = () => h.services.actions.create(g, { user_id: U, admin_id: 1, action_type: 'warn', source: 'bot' }, { actor_id: 1 });

  it('when warns reach warn_limit, then the third answers the warn_mode penalty and the first two none', async () => {
    const a = await warn();
    const b = await warn();
    expect([a.penalty, b.penalty]).to.deep.equal([null, null]);
    expect(b.warnings).to.deep.equal({ count: 2, limit: 3 });
    const c = await warn();
    expect(c.warnings).to.deep.equal({ count: 3, limit: 3 });
    expect(c.penalty).to.deep.equal({ action_type: 'ban', duration: null });
    expect((await h.services.actions.warnings(g, U)).count).to.equal(3);
  });

  it('when warn_mode is tmute or tban, then the penalty is a timed mute or ban of warn_mode_duration', async () => {
    await h.services.settings.update(g, { warn_limit: 1, warn_mode: 'tmute', warn_mode_duration: 3600 });
    expect((await warn()).penalty).to.deep.equal({ action_type: 'mute', duration: 3600 });
    await h.services.settings.update(g, { warn_mode: 'tban' });
    expect((await warn()).penalty).to.deep.equal({ action_type: 'ban', duration: 3600 });
    await h.services.settings.update(g, { warn_mode: 'kick' });
    expect((await warn()).penalty).to.deep.equal({ action_type: 'kick', duration: null });
  });

  it('when warns are older than warn_expiry_days or revoked, then they do not count', async () => {
    const first = await warn();
    h.clock.advance(31 * DAY_MS);
    const second = await warn();
    expect(second.warnings?.count).to.equal(1);
    await h.services.actions.update(g, second.action.id, { status: 'revoked' }, { actor_id: 2 });
    const w = await h.services.actions.warnings(g, U);
    expect(w.count).to.equal(0);
    expect(await h.store.actions.get(g, first.action.id)).to.include({ status: 'applied' });
    await h.services.settings.update(g, { warn_expiry_days: 0 });
    expect((await h.services.actions.warnings(g, U)).count, 'expiry 0 means warns never expire').to.equal(1);
  });

  it('when an action is created, then it is stored, counted in the day stats and audited with its actor', async () => {
    const { action, penalty } = await h.services.actions.create(g, { user_id: U, action_type: 'mute', duration: 600, reason: 'flood' }, { actor_id: 9 });
    expect(penalty).to.equal(null);
    expect(action.expires_at?.getTime()).to.equal(h.clock().getTime() + 600_000);
    expect(await h.store.actions.get(g, action.id)).to.deep.equal(action);
    expect((await h.store.stats.list(g, {}))[0]).to.deep.include({ day: '2026-03-10', actions_by_type: { mute: 1 } });
    expect((await auditOf(h, g))[0]).to.include({ event_type: 'action.mute', actor_id: 9 });
  });

  it('when a status change is not an allowed transition, then it is a CONFLICT and nothing changes', async () => {
    const { action } = await warn();
    await expectCode(h.services.actions.update(g, action.id, { status: 'pending' }), 'CONFLICT');
    const revoked = await h.services.actions.update(g, action.id, { status: 'revoked', reason: 'mistake' });
    expect(revoked).to.include({ status: 'revoked', reason: 'mistake' });
    await expectCode(h.services.actions.update(g, action.id, { status: 'applied' }), 'CONFLICT');
    expect(await h.store.actions.get(g, action.id)).to.include({ status: 'revoked' });
    await expectCode(h.services.actions.update(g, '0123456789abcdef01234567', { status: 'revoked' }), 'NOT_FOUND');
    await expectCode(h.services.actions.update(g, 'nope', { status: 'revoked' }), 'VALIDATION_FAILED');
  });

  it('when actions are listed with filters across pages, then each matching action comes once, newest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 14; i += 1) {
      const { action } = await h.services.actions.create(g, { user_id: i % 2 ? U : 77, action_type: i % 3 ? 'warn' : 'kick' });
      if (i % 2 && i % 3) made.push(action.id);
      if (i % 4 === 0) h.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.services.actions.list(g, { user_id: String(U), action_type: 'warn', limit: 2, cursor } as never);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).to.deep.equal([...made].reverse());
  });
});
