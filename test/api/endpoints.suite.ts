import { expect } from 'chai';
import type { ApiUnderTest } from './api-under-test.js';
import { BOT_KEY } from './api-under-test.js';

/** A fresh negative group id per test, so tests never share data. */
let next = 0;
export const newGroupId = () => -1_009_000_000_000 - Date.now() * 10 - (++next % 10) - next * 1000;

type Obj = Record<string, unknown>;
const data = <T = Obj>(r: { body: { data?: unknown } }) => r.body.data as T;

/** Every endpoint's success and failure paths, with the stored state after each. */
export function endpointSuite(start: () => Promise<ApiUnderTest>): void {
  let api: ApiUnderTest;
  before(async function () {
    this.timeout(60_000);
    api = await start();
  });
  after(() => api?.close());

  const createGroup = async (name = 'Test group') => {
    const id = newGroupId();
    const res = await api.call('POST', '/api/v2/groups', { body: { group_id: id, name }, headers: { 'x-actor-id': '42' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return id;
  };

  describe('auth', () => {
    it('when no token is sent, then 401 and nothing is created', async () => {
      const id = newGroupId();
      const res = await fetch(`${api.url}/api/v2/groups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ group_id: id, name: 'x' }),
      });
      expect(res.status).to.equal(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('UNAUTHORIZED');
      expect((await api.call('GET', `/api/v2/groups/${id}`)).status).to.equal(404);
    });

    it('when a wrong key is sent, then 401', async () => {
      const res = await api.call('GET', '/api/v2/groups', { as: 'not-a-real-key-at-all-000' });
      expect(res.status).to.equal(401);
    });

    it('when a person with the moderator role calls, then logs are readable, settings edits are 403 and other groups are 403', async () => {
      const id = await createGroup();
      const other = await createGroup();
      await api.call('PUT', `/api/v2/groups/${id}/users/777001`, { body: { role: 'moderator' } });
      const token = await api.personToken(777001);
      expect((await api.call('GET', `/api/v2/groups/${id}/logs`, { as: token })).status).to.equal(200);
      const denied = await api.call('PATCH', `/api/v2/groups/${id}/settings`, { as: token, body: { warn_limit: 9 } });
      expect(denied.status).to.equal(403);
      expect(denied.body.error?.message).to.include('settings.edit');
      expect(data(await api.call('GET', `/api/v2/groups/${id}/settings`)).warn_limit).to.equal(3);
      expect((await api.call('GET', `/api/v2/groups/${other}/logs`, { as: token })).status).to.equal(403);
      expect((await api.call('POST', '/api/v2/groups', { as: token, body: { group_id: newGroupId(), name: 'mine' } })).status).to.equal(403);
    });

    it('when a person sends X-Actor-Id, then 403: only services may name another actor', async () => {
      const id = await createGroup();
      const token = await api.personToken(5);
      const res = await api.call('GET', `/api/v2/groups/${id}`, { as: token, headers: { 'x-actor-id': '6' } });
      expect(res.status).to.equal(403);
    });

    it('when a service names the actor, then the audit entry carries that actor', async () => {
      const id = await createGroup();
      await api.call('PATCH', `/api/v2/groups/${id}`, { as: BOT_KEY, body: { name: 'Renamed' }, headers: { 'x-actor-id': '4503599627370495' } });
      const logs = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/logs`));
      const entry = logs.items.find((l) => l.event_type === 'group.updated');
      expect(entry?.actor_id).to.equal(4503599627370495);
      expect(entry?.actor).to.deep.equal({ type: 'service', service: 'bot', user_id: 4503599627370495 });
    });

    it('when a service calls without X-Actor-Id, then the audit entry names the service', async () => {
      const id = newGroupId();
      await api.call('POST', '/api/v2/groups', { as: BOT_KEY, body: { group_id: id, name: 'no actor' } });
      await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 4 } });
      const logs = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/logs`));
      const created = logs.items.find((l) => l.event_type === 'group.created');
      const edited = logs.items.find((l) => l.event_type === 'settings.updated');
      expect(created?.actor).to.deep.equal({ type: 'service', service: 'bot', user_id: null });
      expect(edited?.actor).to.deep.equal({ type: 'service', service: 'admin', user_id: null });
      expect(logs.items.every((l) => (l.actor as Obj | undefined)?.type !== undefined)).to.equal(true);
    });

    it('when a person acts, then the audit entry names the person', async () => {
      const id = await createGroup();
      await api.call('PUT', `/api/v2/groups/${id}/users/777003`, { body: { role: 'admin' } });
      const token = await api.personToken(777003);
      expect((await api.call('PATCH', `/api/v2/groups/${id}/settings`, { as: token, body: { warn_limit: 5 } })).status).to.equal(200);
      const logs = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/logs`));
      const edited = logs.items.find((l) => l.event_type === 'settings.updated');
      expect(edited).to.include({ actor_id: 777003 });
      expect(edited?.actor).to.deep.equal({ type: 'person', service: null, user_id: 777003 });
    });

    it("when a moderator records an action in the owner's name, then 403 and nothing is recorded; their own name is used otherwise", async () => {
      const id = await createGroup();
      await api.call('PUT', `/api/v2/groups/${id}/users/777004`, { body: { role: 'moderator' } });
      await api.call('PUT', `/api/v2/groups/${id}/users/777005`, { body: { role: 'owner' } });
      const token = await api.personToken(777004);
      const forged = await api.call('POST', `/api/v2/groups/${id}/actions`, { as: token, body: { user_id: 1004, admin_id: 777005, action_type: 'warn' } });
      expect(forged.status, JSON.stringify(forged.body)).to.equal(403);
      expect(forged.body.error?.message).to.include('admin_id');
      expect(data<{ items: unknown[] }>(await api.call('GET', `/api/v2/groups/${id}/actions`)).items).to.have.length(0);
      const own = await api.call('POST', `/api/v2/groups/${id}/actions`, { as: token, body: { user_id: 1004, action_type: 'warn' } });
      expect(own.status, JSON.stringify(own.body)).to.equal(201);
      expect(data<{ action: Obj }>(own).action.admin_id).to.equal(777004);
      const same = await api.call('POST', `/api/v2/groups/${id}/actions`, { as: token, body: { user_id: 1004, admin_id: 777004, action_type: 'warn' } });
      expect(data<{ action: Obj }>(same).action.admin_id).to.equal(777004);
    });

    it('when a service names the admin in X-Actor-Id, then that is the admin; a body admin_id that differs is a 400', async () => {
      const id = await createGroup();
      const viaHeader = await api.call('POST', `/api/v2/groups/${id}/actions`, {
        as: BOT_KEY,
        headers: { 'x-actor-id': '600' },
        body: { user_id: 1004, action_type: 'mute', duration: 60 },
      });
      expect(data<{ action: Obj }>(viaHeader).action.admin_id).to.equal(600);
      const clash = await api.call('POST', `/api/v2/groups/${id}/actions`, {
        as: BOT_KEY,
        headers: { 'x-actor-id': '600' },
        body: { user_id: 1004, admin_id: 601, action_type: 'mute' },
      });
      expect(clash.status).to.equal(400);
      expect(clash.body.error?.message).to.include('X-Actor-Id');
      expect(data<{ items: unknown[] }>(await api.call('GET', `/api/v2/groups/${id}/actions`)).items).to.have.length(1);
    });
  });

  describe('groups', () => {
    it('when the seed group is created and read twice, then it has default roles and settings and the second read is a cache hit', async () => {
      const seedId = -1001234567890;
      await api.call('DELETE', `/api/v2/groups/${seedId}`);
      const created = await api.call('POST', '/api/v2/groups', { body: { group_id: seedId, name: 'My Group' } });
      expect(created.status).to.equal(201);
      expect(created.body).to.include({ success: true, message: 'group created' });
      expect(data(created)).to.include({ group_id: seedId, name: 'My Group', is_active: true });
      const first = await api.call('GET', `/api/v2/groups/${seedId}`);
      const hitsBefore = await api.metric('cache_hits_total');
      const second = await api.call('GET', `/api/v2/groups/${seedId}`);
      expect(second.body).to.deep.equal(first.body);
      expect(await api.metric('cache_hits_total')).to.equal(hitsBefore + 1);
      const roles = data<{ items: { name: string }[] }>(await api.call('GET', `/api/v2/groups/${seedId}/roles`));
      expect(roles.items.map((r) => r.name).sort()).to.deep.equal(['admin', 'member', 'moderator', 'owner']);
      expect(data(await api.call('GET', `/api/v2/groups/${seedId}/settings`))).to.include({ warn_limit: 3, warn_mode: 'ban', warn_expiry_days: 30 });
    });

    it('when a group id is created twice, then 409 and the first stays', async () => {
      const id = await createGroup('first');
      const dup = await api.call('POST', '/api/v2/groups', { body: { group_id: id, name: 'second' } });
      expect(dup.status).to.equal(409);
      expect(dup.body.error?.code).to.equal('CONFLICT');
      expect(data(await api.call('GET', `/api/v2/groups/${id}`)).name).to.equal('first');
    });

    it('when the body is invalid, then 400 names each bad field and nothing is stored', async () => {
      const res = await api.call('POST', '/api/v2/groups', { body: { group_id: 12345, name: '', extra: 1 } });
      expect(res.status).to.equal(400);
      expect(res.body.error?.code).to.equal('VALIDATION_FAILED');
      const paths = res.body.error?.details.map((d) => d.path) ?? [];
      expect(paths).to.include('group_id');
      expect((await api.call('GET', '/api/v2/groups/12345')).status).to.equal(400);
      expect((await api.call('GET', '/api/v2/groups?q=' + encodeURIComponent('12345'))).status).to.equal(200);
    });

    it('when a group is patched, listed, searched and deleted, then each answer matches the stored state', async () => {
      const tag = `Zeta${Date.now()}`;
      const a = await createGroup(`${tag} alpha`);
      const b = await createGroup(`${tag} beta`);
      const patched = await api.call('PATCH', `/api/v2/groups/${b}`, { body: { is_active: false } });
      expect(data(patched).is_active).to.equal(false);
      expect((await api.call('PATCH', `/api/v2/groups/${b}`, { body: {} })).status).to.equal(400);
      const found = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups?q=${tag.toLowerCase()}&limit=100`));
      expect(found.items.map((g) => g.group_id).sort()).to.deep.equal([a, b].sort());
      const active = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups?q=${tag}&active=false`));
      expect(active.items.map((g) => g.group_id)).to.deep.equal([b]);
      expect((await api.call('DELETE', `/api/v2/groups/${a}`)).status).to.equal(200);
      expect((await api.call('GET', `/api/v2/groups/${a}`)).status).to.equal(404);
      expect((await api.call('DELETE', `/api/v2/groups/${a}`)).status).to.equal(404);
      // The audit log outlives the group until retention: its entries, the delete's included, still read.
      const kept = await api.call('GET', `/api/v2/groups/${a}/logs`);
      expect(kept.status).to.equal(200);
      expect(data<{ items: Obj[] }>(kept).items.length).to.be.greaterThan(0);
    });

    it('when groups are listed in pages, then the cursor walks every group once', async () => {
      const tag = `Page${Date.now()}`;
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await createGroup(`${tag} ${i}`));
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const page = data<{ items: Obj[]; next_cursor: string | null }>(await api.call('GET', `/api/v2/groups?q=${tag}&limit=2${q}`));
        expect(page.items.length).to.be.at.most(2);
        seen.push(...page.items.map((g) => g.group_id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen.sort()).to.deep.equal(ids.sort());
      expect((await api.call('GET', '/api/v2/groups?cursor=garbage')).status).to.equal(400);
    });
  });

  describe('members, roles, rules, settings', () => {
    it('when members are upserted, patched, found by username and bulk-loaded, then reads and lists agree', async () => {
      const id = await createGroup();
      const put = await api.call('PUT', `/api/v2/groups/${id}/users/4503599627370001`, { body: { username: 'big_id_user', first_name: 'Big' } });
      expect(put.status).to.equal(200);
      expect(data(put)).to.include({ user_id: 4503599627370001, role: 'member' });
      expect(data(await api.call('PATCH', `/api/v2/groups/${id}/users/4503599627370001`, { body: { role: 'moderator' } })).role).to.equal('moderator');
      expect((await api.call('PATCH', `/api/v2/groups/${id}/users/4503599627370001`, { body: { role: 'no-such-role' } })).status).to.be.within(400, 409);
      expect(data(await api.call('GET', `/api/v2/groups/${id}/users/by-username/@big_id_user`)).user_id).to.equal(4503599627370001);
      expect((await api.call('GET', `/api/v2/groups/${id}/users/by-username/nobody_here`)).status).to.equal(404);
      const users = Array.from({ length: 30 }, (_, i) => ({ user_id: 1000 + i, username: `bulk_user_${i}` }));
      const bulk = await api.call('POST', `/api/v2/groups/${id}/users:bulk`, { body: { users } });
      expect(data(bulk)).to.deep.equal({ inserted: 30, updated: 0 });
      const again = await api.call('POST', `/api/v2/groups/${id}/users:bulk`, { body: { users: users.slice(0, 5) } });
      expect(data(again)).to.deep.equal({ inserted: 0, updated: 5 });
      const list = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/users?limit=100`));
      expect(list.items).to.have.length(31);
      const tooMany = Array.from({ length: 1001 }, (_, i) => ({ user_id: 5000 + i }));
      expect((await api.call('POST', `/api/v2/groups/${id}/users:bulk`, { body: { users: tooMany } })).status).to.equal(400);
      expect((await api.call('GET', `/api/v2/groups/${id}/users/5000`)).status).to.equal(404);
    });

    it('when roles are created, changed and deleted, then built-in roles are protected', async () => {
      const id = await createGroup();
      const created = await api.call('POST', `/api/v2/groups/${id}/roles`, { body: { name: 'helper', permissions: ['warn', 'members.view'], priority: 20 } });
      expect(created.status).to.equal(201);
      const dup = await api.call('POST', `/api/v2/groups/${id}/roles`, { body: { name: 'helper', permissions: [] } });
      expect(dup.status, JSON.stringify(dup.body)).to.equal(409);
      expect((await api.call('POST', `/api/v2/groups/${id}/roles`, { body: { name: 'bad', permissions: ['fly'] } })).status).to.equal(400);
      expect(data(await api.call('PATCH', `/api/v2/groups/${id}/roles/helper`, { body: { permissions: ['warn'] } })).permissions).to.deep.equal(['warn']);
      expect((await api.call('DELETE', `/api/v2/groups/${id}/roles/owner`)).status).to.equal(409);
      expect((await api.call('DELETE', `/api/v2/groups/${id}/roles/helper`)).status).to.equal(200);
      expect((await api.call('GET', `/api/v2/groups/${id}/roles/helper`)).status).to.equal(404);
    });

    it('when settings are changed with If-Match, then only the version read is changed; a stale one gets 412 naming who changed it', async () => {
      const id = await createGroup();
      const read = await api.call('GET', `/api/v2/groups/${id}/settings`);
      const etag = read.headers.etag;
      expect(etag).to.match(/^"s-\d+"$/);
      const mine = await api.call('PATCH', `/api/v2/groups/${id}/settings`, {
        body: { warn_limit: 4 },
        headers: { 'if-match': etag ?? '', 'x-actor-id': '4242' },
      });
      expect(mine.status).to.equal(200);
      expect(mine.headers.etag).to.not.equal(etag);
      const stale = await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 9 }, headers: { 'if-match': etag ?? '' } });
      expect(stale.status).to.equal(412);
      expect(stale.body.error?.message).to.match(/^the settings were changed by user 4242 at \S+ since you read them/);
      expect(data<Obj>(await api.call('GET', `/api/v2/groups/${id}/settings`)).warn_limit).to.equal(4);
      const bad = await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 9 }, headers: { 'if-match': 'yesterday' } });
      expect(bad.status).to.equal(400);
      expect((await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 5 }, headers: { 'if-match': '*' } })).status).to.equal(200);
    });

    it('when rules and settings are written, then they read back and bad values change nothing', async () => {
      const id = await createGroup();
      const rule = await api.call('POST', `/api/v2/groups/${id}/rules`, {
        body: { rule_name: 'no-links', description: 'No links', penalty: 'mute', penalty_duration: 3600, trigger: { type: 'link', pattern: '.*' } },
      });
      expect(rule.status, JSON.stringify(rule.body)).to.equal(201);
      expect((await api.call('POST', `/api/v2/groups/${id}/rules`, { body: { rule_name: 'bad', penalty: 'explode' } })).status).to.equal(400);
      expect(data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/rules`)).items.map((r) => r.rule_name)).to.deep.equal(['no-links']);
      expect(data(await api.call('PATCH', `/api/v2/groups/${id}/rules/no-links`, { body: { penalty: 'ban' } })).penalty).to.equal('ban');
      expect((await api.call('DELETE', `/api/v2/groups/${id}/rules/no-links`)).status).to.equal(200);
      expect((await api.call('GET', `/api/v2/groups/${id}/rules/no-links`)).status).to.equal(404);
      expect(
        data(await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 2, warn_mode: 'tmute', warn_mode_duration: 600 } })),
      ).to.include({ warn_limit: 2, warn_mode: 'tmute' });
      const bad = await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 2, warn_mode: 'explode' } });
      expect(bad.status).to.equal(400);
      expect(data(await api.call('GET', `/api/v2/groups/${id}/settings`))).to.include({ warn_limit: 2, warn_mode: 'tmute' });
    });

    it('when a regex trigger needs backtracking, then 400 says why and nothing is stored; a catastrophic-looking one runs linear and is kept', async () => {
      const id = await createGroup();
      const lookbehind = await api.call('POST', `/api/v2/groups/${id}/rules`, {
        body: { rule_name: 'no-at-spam', trigger: { type: 'regex', pattern: '(?<=@)spam' } },
      });
      expect(lookbehind.status).to.equal(400);
      expect(lookbehind.body.error).to.deep.include({
        code: 'VALIDATION_FAILED',
        message: 'invalid body: trigger.pattern: rule patterns run on a linear-time engine (RE2), which does not support lookbehind `(?<=`',
      });
      expect((await api.call('GET', `/api/v2/groups/${id}/rules/no-at-spam`)).status).to.equal(404);
      const kept = await api.call('POST', `/api/v2/groups/${id}/rules`, { body: { rule_name: 'aaa', trigger: { type: 'regex', pattern: '(a+)+$' } } });
      expect(kept.status, JSON.stringify(kept.body)).to.equal(201);
      const backref = await api.call('PATCH', `/api/v2/groups/${id}/rules/aaa`, { body: { trigger: { type: 'regex', pattern: '(\\w)\\1{5}' } } });
      expect(backref.status).to.equal(400);
      expect(backref.body.error?.message).to.contain('does not support backreferences `\\1`');
      expect(data(await api.call('GET', `/api/v2/groups/${id}/rules/aaa`)).trigger).to.deep.equal({ type: 'regex', pattern: '(a+)+$' });
    });
  });

  describe('actions, warnings, permissions, audit, stats', () => {
    it('when warns reach the limit, then the penalty of warn_mode is answered, and revoking one lowers the count', async () => {
      const id = await createGroup();
      await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 2, warn_mode: 'tban', warn_mode_duration: 86400 } });
      const w1 = await api.call('POST', `/api/v2/groups/${id}/actions`, { body: { user_id: 99, action_type: 'warn', reason: 'spam', admin_id: 1 } });
      expect(w1.status).to.equal(201);
      expect(data(w1).penalty).to.equal(null);
      const w2 = data<{ action: Obj; penalty: Obj }>(
        await api.call('POST', `/api/v2/groups/${id}/actions`, { body: { user_id: 99, action_type: 'warn', reason: 'spam again' } }),
      );
      expect(w2.penalty).to.deep.equal({ action_type: 'ban', duration: 86400 });
      const warnings = data<{ count: number; limit: number }>(await api.call('GET', `/api/v2/groups/${id}/users/99/warnings`));
      expect(warnings).to.include({ count: 2, limit: 2 });
      const revoked = await api.call('PATCH', `/api/v2/groups/${id}/actions/${String(w2.action.id)}`, { body: { status: 'revoked' } });
      expect(data(revoked).status).to.equal('revoked');
      expect(data<{ count: number }>(await api.call('GET', `/api/v2/groups/${id}/users/99/warnings`)).count).to.equal(1);
      const list = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/actions?user_id=99&action_type=warn`));
      expect(list.items).to.have.length(2);
      expect((await api.call('PATCH', `/api/v2/groups/${id}/actions/ffffffffffffffffffffffff`, { body: { status: 'revoked' } })).status).to.equal(404);
      expect((await api.call('POST', `/api/v2/groups/${id}/actions`, { body: { user_id: 99, action_type: 'nuke' } })).status).to.equal(400);
    });

    it('when permissions are checked, then Telegram rights and roles decide and say how', async () => {
      const id = await createGroup();
      const admin = data(
        await api.call('POST', `/api/v2/groups/${id}/permissions/check`, {
          body: { user_id: 10, permission: 'ban', telegram: { status: 'administrator', rights: { can_restrict_members: true } } },
        }),
      );
      expect(admin).to.deep.equal({ allowed: true, via: 'telegram:can_restrict_members' });
      const noRight = data(
        await api.call('POST', `/api/v2/groups/${id}/permissions/check`, {
          body: { user_id: 10, permission: 'ban', telegram: { status: 'administrator', rights: { can_delete_messages: true } } },
        }),
      );
      expect(noRight.allowed).to.equal(false);
      const member = data(await api.call('POST', `/api/v2/groups/${id}/permissions/check`, { body: { user_id: 11, permission: 'warn' } }));
      expect(member.allowed).to.equal(false);
      expect((await api.call('POST', `/api/v2/groups/${id}/permissions/check`, { body: { user_id: 11, permission: 'fly' } })).status).to.equal(400);
    });

    it('when mutations happen, then each wrote exactly one audit entry and group stats count the actions', async () => {
      const id = await createGroup();
      await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { welcome_message_enabled: true } });
      await api.call('POST', `/api/v2/groups/${id}/actions`, { body: { user_id: 5, action_type: 'ban', reason: 'raid' } });
      await api.call('POST', `/api/v2/groups/${id}/actions`, { body: { user_id: 6, action_type: 'mute', duration: 600 } });
      const logs = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/logs?limit=100`));
      const types = logs.items.map((l) => l.event_type);
      expect(types.filter((t) => t === 'group.created')).to.have.length(1);
      expect(types.filter((t) => t === 'settings.updated')).to.have.length(1);
      expect(types.filter((t) => String(t).startsWith('action.'))).to.have.length(2);
      const stats = data<{ totals: Obj }>(await api.call('GET', `/api/v2/groups/${id}/stats`));
      expect(JSON.stringify(stats)).to.include('"ban":1').and.include('"mute":1');
    });
  });

  describe('bot reports: activity and migration', () => {
    it("when the bot reports activity, then day counters and the member's message count move; a person gets 403 and bad bodies change nothing", async () => {
      const id = await createGroup();
      await api.call('PUT', `/api/v2/groups/${id}/users/501`, { body: { username: 'talker_1' } });
      expect((await api.call('POST', `/api/v2/groups/${id}/activity`, { body: { messages: 3, user_id: 501 } })).status).to.equal(200);
      expect((await api.call('POST', `/api/v2/groups/${id}/activity`, { body: { joins: 2, leaves: 1 } })).status).to.equal(200);
      const bad = await api.call('POST', `/api/v2/groups/${id}/activity`, { body: { user_id: 501 } });
      expect(bad.status).to.equal(400);
      expect(bad.body.error?.message).to.match(/invalid|nothing to record|messages/);
      const token = await api.personToken(501);
      expect((await api.call('POST', `/api/v2/groups/${id}/activity`, { as: token, body: { messages: 1 } })).status).to.equal(403);
      expect((await api.call('POST', `/api/v2/groups/${newGroupId()}/activity`, { body: { messages: 1 } })).status).to.equal(404);
      const totals = data<{ totals: Obj }>(await api.call('GET', `/api/v2/groups/${id}/stats`)).totals;
      expect(totals).to.include({ messages: 3, joins: 2, leaves: 1 });
      expect(data(await api.call('GET', `/api/v2/groups/${id}/users/501`)).message_count).to.equal(3);
    });

    it("when the bot writes Telegram's counts and then reports joins and leaves, then GET shows member_count moved by them, never below 0, with no audit entry per count", async () => {
      const id = await createGroup();
      const synced = await api.call('PATCH', `/api/v2/groups/${id}`, { as: BOT_KEY, body: { member_count: 28, admin_count: 3 } });
      expect(data(synced)).to.include({ member_count: 28, admin_count: 3 });
      expect((await api.call('POST', `/api/v2/groups/${id}/activity`, { as: BOT_KEY, body: { joins: 5, leaves: 2 } })).status).to.equal(200);
      expect((await api.call('POST', `/api/v2/groups/${id}/activity`, { as: BOT_KEY, body: { leaves: 1 } })).status).to.equal(200);
      expect(data(await api.call('GET', `/api/v2/groups/${id}`))).to.include({ member_count: 30, admin_count: 3 });
      expect((await api.call('POST', `/api/v2/groups/${id}/activity`, { as: BOT_KEY, body: { leaves: 45 } })).status).to.equal(200);
      expect(data(await api.call('GET', `/api/v2/groups/${id}`))).to.include({ member_count: 0, admin_count: 3 });
      const logs = data<{ items: Obj[] }>(await api.call('GET', `/api/v2/groups/${id}/logs`)).items;
      expect(logs.map((l) => l.event_type)).to.deep.equal(['group.created']);
    });

    it('when a group migrates, then its data answers under the new id, the old id is 404 and a taken id is 409', async () => {
      const id = await createGroup('Before migration');
      await api.call('PATCH', `/api/v2/groups/${id}/settings`, { body: { warn_limit: 7 } });
      const to = newGroupId();
      const moved = await api.call('POST', `/api/v2/groups/${id}/migrate`, { body: { to_group_id: to } });
      expect(moved.status).to.equal(200);
      expect(data(moved)).to.include({ group_id: to, name: 'Before migration' });
      expect(data(await api.call('GET', `/api/v2/groups/${to}/settings`)).warn_limit).to.equal(7);
      expect((await api.call('GET', `/api/v2/groups/${id}`)).status).to.equal(404);
      const taken = await createGroup();
      expect((await api.call('POST', `/api/v2/groups/${to}/migrate`, { body: { to_group_id: taken } })).status).to.equal(409);
      expect((await api.call('GET', `/api/v2/groups/${to}`)).status).to.equal(200);
    });
  });

  describe('ops', () => {
    it('when the OpenAPI document is read, then every group endpoint is there and /docs renders from local assets', async () => {
      const spec = (await (await fetch(`${api.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(spec.openapi).to.equal('3.1.0');
      expect(Object.keys(spec.paths)).to.include.members([
        '/api/v2/groups',
        '/api/v2/groups/{groupId}/users:bulk',
        '/api/v2/groups/{groupId}/permissions/check',
      ]);
      expect(Object.keys(spec.paths['/api/v2/groups/{groupId}'] ?? {})).to.have.members(['get', 'patch', 'delete']);
      const docs = await fetch(`${api.url}/docs`);
      expect(docs.status).to.equal(200);
      const html = await docs.text();
      expect(html).to.include('/docs/assets/swagger-ui-bundle.js').and.not.include('cdn');
      expect((await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`)).status).to.equal(200);
    });

    it('when a body is over the limit, then 413 and nothing is stored', async () => {
      const id = newGroupId();
      const res = await api.call('POST', '/api/v2/groups', { raw: JSON.stringify({ group_id: id, name: 'x', description: 'y'.repeat(2_000_000) }) });
      expect(res.status).to.equal(413);
      expect((await api.call('GET', `/api/v2/groups/${id}`)).status).to.equal(404);
    });
  });
}
