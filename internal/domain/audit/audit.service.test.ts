import { expect } from 'chai';
import { auditOf, expectCode, newGroupId, setup, type Harness } from '../common/services.test-support.js';

describe('AuditService', () => {
  it('when each kind of mutation runs, then exactly one audit entry names its actor', async () => {
    const h = setup();
    const g = newGroupId();
    const ACTOR = 4_400_000_000_000;
    await h.services.groups.create({ group_id: g, name: 'audit' }, { actor_id: ACTOR });
    let actionId = '';
    const mutations: [string, (h: Harness) => Promise<unknown>][] = [
      ['group.updated', () => h.services.groups.update(g, { description: 'd' }, { actor_id: ACTOR })],
      ['user.upserted', () => h.services.users.upsert(g, 1, {}, { actor_id: ACTOR })],
      ['user.updated', () => h.services.users.update(g, 1, { is_active: false }, { actor_id: ACTOR })],
      ['user.bulk_upserted', () => h.services.users.bulkUpsert(g, { users: [{ user_id: 2 }, { user_id: 3 }] }, { actor_id: ACTOR })],
      ['role.created', () => h.services.roles.create(g, { name: 'x' }, { actor_id: ACTOR })],
      ['role.updated', () => h.services.roles.update(g, 'x', { priority: 3 }, { actor_id: ACTOR })],
      ['role.deleted', () => h.services.roles.delete(g, 'x', { actor_id: ACTOR })],
      ['rule.created', () => h.services.rules.create(g, { rule_name: 'r', trigger: { type: 'regex', pattern: 'spam+' } }, { actor_id: ACTOR })],
      ['rule.updated', () => h.services.rules.update(g, 'r', { penalty: 'mute', penalty_duration: 60 }, { actor_id: ACTOR })],
      ['rule.deleted', () => h.services.rules.delete(g, 'r', { actor_id: ACTOR })],
      ['settings.updated', () => h.services.settings.update(g, { warn_limit: 4 }, { actor_id: ACTOR })],
      ['action.kick', async () => (actionId = (await h.services.actions.create(g, { user_id: 1, action_type: 'kick' }, { actor_id: ACTOR })).action.id)],
      ['action.updated', () => h.services.actions.update(g, actionId, { status: 'revoked' }, { actor_id: ACTOR })],
    ];
    for (const [event, run] of mutations) {
      const before = (await auditOf(h, g)).length;
      h.clock.advance(1);
      await run(h);
      const after = await auditOf(h, g);
      expect(after.length - before, event).to.equal(1);
      expect(after[0], event).to.include({ event_type: event, actor_id: ACTOR });
    }
    await h.services.users.upsert(g, 9, {});
    expect((await auditOf(h, g))[0]).to.include({ event_type: 'user.upserted', actor_id: null });
  });

  it('when a mutation is refused, then no audit entry is written', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'audit' });
    await expectCode(h.services.rules.create(g, { rule_name: 'r', trigger: { type: 'regex', pattern: '(' } }), 'VALIDATION_FAILED');
    await expectCode(h.services.rules.delete(g, 'missing'), 'NOT_FOUND');
    expect(await auditOf(h, g)).to.have.length(1);
  });

  it('when logs are listed by event type and since, then only those entries come back', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'audit' });
    h.clock.advance(60_000);
    const since = h.clock().toISOString();
    await h.services.audit.record({ group_id: g, event_type: 'message.deleted', message: 'spam removed', actor_id: 5 });
    await h.services.groups.update(g, { name: 'n' });
    expect((await h.services.audit.list(g, { event_type: 'message.deleted' })).items.map((e) => e.actor_id)).to.deep.equal([5]);
    expect((await h.services.audit.list(g, { since })).items.map((e) => e.event_type)).to.deep.equal(['group.updated', 'message.deleted']);
    await expectCode(h.services.audit.record({ group_id: g, event_type: 'Bad Type', message: '' }), 'VALIDATION_FAILED');
  });
});
