import { expect } from 'chai';
import { expectCode, newGroupId, setup, type Harness } from '../common/services.test-support.js';
import type { Permission, TelegramMember } from './permissions.schema.js';
import { createServices } from '../index.js';
import { createMemoryStore } from '../../store/memory/memory.store.js';

const admin = (rights: TelegramMember['rights'] = {}): TelegramMember => ({ status: 'administrator', rights });

describe('PermissionsService.check', () => {
  let h: Harness;
  let g: number;
  const USER = 4_000_000_001;

  beforeEach(async () => {
    h = setup();
    g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 'perm' });
    await h.services.roles.create(g, { name: 'helper', permissions: ['logs.view', 'stats.view', 'ban', 'pin'] });
  });

  const check = (permission: Permission, telegram?: TelegramMember, user_id = USER) =>
    h.services.permissions.check({ group_id: g, user_id, permission, ...(telegram ? { telegram } : {}) });

  describe('when a Telegram administrator asks, then only the matching Telegram right grants a moderation permission', () => {
    const table: [Permission, keyof NonNullable<TelegramMember['rights']>][] = [
      ['ban', 'can_restrict_members'],
      ['kick', 'can_restrict_members'],
      ['mute', 'can_restrict_members'],
      ['warn', 'can_restrict_members'],
      ['delete', 'can_delete_messages'],
      ['pin', 'can_pin_messages'],
      ['settings.edit', 'can_change_info'],
      ['rules.edit', 'can_change_info'],
      ['promote', 'can_promote_members'],
    ];
    for (const [permission, right] of table) {
      it(`when an admin has or lacks ${right}, then ${permission} follows it`, async () => {
        expect(await check(permission, admin({ [right]: true }))).to.deep.equal({ allowed: true, via: `telegram:${right}` });
        expect(await check(permission, admin({ [right]: false }))).to.deep.equal({ allowed: false, via: `missing:telegram:${right}` });
        expect(await check(permission, admin({}))).to.deep.equal({ allowed: false, via: `missing:telegram:${right}` });
      });
    }
  });

  it('when the creator asks, then every permission is allowed via telegram:creator', async () => {
    for (const p of ['ban', 'roles.manage', 'promote', 'logs.view'] as const) {
      expect(await check(p, { status: 'creator', rights: {} })).to.deep.equal({ allowed: true, via: 'telegram:creator' });
    }
  });

  it('when an admin whose stored role is owner lacks the Telegram right, then the role cannot lift them above Telegram', async () => {
    await h.services.users.upsert(g, USER, { role: 'owner' });
    expect(await check('ban', admin({ can_delete_messages: true }))).to.deep.equal({ allowed: false, via: 'missing:telegram:can_restrict_members' });
    // Bot-only permissions still come from the stored role.
    expect(await check('roles.manage', admin())).to.deep.equal({ allowed: true, via: 'role:owner' });
  });

  it('when a plain member holds a custom role, then it adds bot-only permissions but no moderation power', async () => {
    await h.services.users.upsert(g, USER, { role: 'helper' });
    const member: TelegramMember = { status: 'member', rights: {} };
    expect(await check('logs.view', member)).to.deep.equal({ allowed: true, via: 'role:helper' });
    expect(await check('ban', member)).to.deep.equal({ allowed: false, via: 'telegram:not_admin' });
    expect(await check('pin', { status: 'restricted', rights: {} })).to.deep.equal({ allowed: false, via: 'telegram:not_admin' });
    expect(await check('members.view', member)).to.deep.equal({ allowed: false, via: 'missing:role:helper' });
  });

  it('when an admin asks for a view permission, then Telegram admin status grants it; roles.manage it does not', async () => {
    expect(await check('stats.view', admin())).to.deep.equal({ allowed: true, via: 'telegram:administrator' });
    expect(await check('roles.manage', admin({ can_promote_members: true }))).to.deep.equal({ allowed: false, via: 'missing:role:member' });
  });

  it('when Telegram says the user left or was kicked, then nothing is allowed whatever the role', async () => {
    await h.services.users.upsert(g, USER, { role: 'owner' });
    expect(await check('logs.view', { status: 'left', rights: {} })).to.deep.equal({ allowed: false, via: 'telegram:not_member' });
    expect(await check('ban', { status: 'kicked', rights: {} })).to.deep.equal({ allowed: false, via: 'telegram:not_member' });
  });

  it('when no Telegram status is given, then the stored role decides and unknown users are members', async () => {
    await h.services.users.upsert(g, USER, { role: 'moderator' });
    expect(await check('kick')).to.deep.equal({ allowed: true, via: 'role:moderator' });
    expect(await check('ban')).to.deep.equal({ allowed: false, via: 'missing:role:moderator' });
    expect(await check('warn', undefined, 99)).to.deep.equal({ allowed: false, via: 'missing:role:member' });
  });

  it('when the check is malformed or the group is unknown, then it is VALIDATION_FAILED or NOT_FOUND', async () => {
    await expectCode(h.services.permissions.check({ group_id: g, user_id: USER, permission: 'fly' as Permission }), 'VALIDATION_FAILED');
    await expectCode(
      h.services.permissions.check({ group_id: g, user_id: USER, permission: 'ban', telegram: { status: 'boss' } as never }),
      'VALIDATION_FAILED',
    );
    await expectCode(h.services.permissions.check({ group_id: newGroupId(), user_id: USER, permission: 'ban' }), 'NOT_FOUND');
  });
});

describe('PermissionsService: platform admins (PLATFORM_ADMINS)', () => {
  it('when a platform admin has no role in a group, then they may look (members, log, stats) and change nothing; others get neither', async () => {
    const store = createMemoryStore();
    const services = createServices(store, { platformAdmins: [777] });
    const g = newGroupId();
    const other = newGroupId();
    await services.groups.create({ group_id: g, name: 'one' });
    await services.groups.create({ group_id: other, name: 'two' });
    const may = async (user_id: number, permission: Permission) => (await services.permissions.check({ group_id: g, user_id, permission })).allowed;
    for (const p of ['members.view', 'logs.view', 'stats.view'] as const) expect(await may(777, p), p).to.equal(true);
    for (const p of ['ban', 'settings.edit', 'roles.manage', 'rules.edit'] as const) expect(await may(777, p), p).to.equal(false);
    expect(await may(778, 'members.view')).to.equal(false);
    expect((await services.groups.forPerson(777)).items.map((x) => x.group_id).sort()).to.deep.equal([g, other].sort());
    expect((await services.groups.forPerson(778)).items).to.deep.equal([]);
  });
});
