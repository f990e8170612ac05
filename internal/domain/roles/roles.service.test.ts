import { expect } from 'chai';
import { auditOf, expectCode, newGroupId, setup, type Harness } from '../common/services.test-support.js';

describe('RolesService', () => {
  let h: Harness;
  let g: number;

  beforeEach(async () => {
    h = setup();
    g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'roles' });
  });

  it('when a custom role is created, patched and deleted, then the store follows and each step is audited', async () => {
    await h.services.roles.create(g, { name: 'helper', permissions: ['warn', 'warn', 'logs.view'] }, { actor_id: 1 });
    expect((await h.store.roles.get(g, 'helper'))?.permissions).to.deep.equal(['warn', 'logs.view']);
    await h.services.roles.update(g, 'helper', { priority: 60 }, { actor_id: 2 });
    expect((await h.services.roles.list(g)).items.map((r) => r.name)).to.deep.equal(['owner', 'admin', 'helper', 'moderator', 'member']);
    await h.services.roles.delete(g, 'helper', { actor_id: 3 });
    expect(await h.store.roles.get(g, 'helper')).to.equal(null);
    expect((await auditOf(h, g)).slice(0, 3).map((e) => [e.event_type, e.actor_id])).to.deep.equal([
      ['role.deleted', 3],
      ['role.updated', 2],
      ['role.created', 1],
    ]);
  });

  it('when someone would take a permission from the owner role, then it is a CONFLICT and the role keeps every permission; its description may change', async () => {
    const before = await h.services.roles.get(g, 'owner');
    await expectCode(h.services.roles.update(g, 'owner', { permissions: before.permissions.filter((p) => p !== 'roles.manage') }), 'CONFLICT');
    expect((await h.services.roles.get(g, 'owner')).permissions).to.have.members(before.permissions);
    expect((await h.services.roles.update(g, 'owner', { description: 'The founder' })).description).to.equal('The founder');
  });

  it('when a role exists, is built in or is still held, then create or delete is a CONFLICT', async () => {
    await expectCode(h.services.roles.create(g, { name: 'admin' }), 'CONFLICT');
    await expectCode(h.services.roles.delete(g, 'owner'), 'CONFLICT');
    await h.services.users.upsert(g, 1, { role: 'moderator' });
    await expectCode(h.services.roles.delete(g, 'moderator'), 'CONFLICT');
    expect(await h.store.roles.get(g, 'moderator')).to.not.equal(null);
    await expectCode(h.services.roles.create(g, { name: 'x', permissions: ['fly'] } as never), 'VALIDATION_FAILED');
  });
});
