import { expect } from 'chai';
import { signToken } from '../../internal/shared/auth/index.js';
import { ADMIN_KEY, Browser, JWT_SECRET, signedInitData, startWeb, widgetPayload, type WebUnderTest } from './web-under-test.js';

const ADA = { id: 4242, first_name: 'Ada', username: 'ada' };
const GROUP = -1009000000001;

describe('web sign-in and sessions (HTTP, in-process api)', () => {
  let web: WebUnderTest;
  beforeEach(async () => {
    web = await startWeb();
    await web.services.groups.create({ group_id: GROUP, name: 'Sign-in group' });
    await web.services.users.upsert(GROUP, ADA.id, { role: 'owner', username: 'ada_lovelace' });
  });
  afterEach(() => web.close());

  const signedIn = async () => {
    const b = await new Browser(web.url).start();
    const res = await b.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return b;
  };

  it('when the widget payload is signed by the bot, then the session is set in HttpOnly, Secure, SameSite=Lax cookies with 15 min and 30 day lives', async () => {
    const b = await new Browser(web.url).start();
    const res = await b.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ user: ADA, access_expires_in: 900 });
    const [access, refresh] = b.lastSetCookies;
    expect(access).to.match(/^__Host-bp_access=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=900; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(refresh).to.match(/^__Secure-bp_refresh=[\w-]{43}; Max-Age=2592000; Path=\/web\/v1\/auth; HttpOnly; Secure; SameSite=Lax$/);
    const session = await b.call('GET', '/web/v1/auth/session');
    expect(session.body.data).to.deep.equal({ kind: 'person', user_id: ADA.id, service: null, platform_admin: false });
  });

  it('when the CSRF cookie is readable by the page and not HttpOnly, then a second call keeps the same token', async () => {
    const b = new Browser(web.url);
    const first = await b.call('GET', '/web/v1/auth/csrf');
    expect(b.lastSetCookies[0]).to.match(/^__Host-bp_csrf=[\w-]+; Max-Age=2592000; Path=\/; Secure; SameSite=Lax$/);
    const second = await b.call('GET', '/web/v1/auth/csrf');
    expect(second.body.data).to.deep.equal(first.body.data);
    expect(b.lastSetCookies).to.deep.equal([]);
  });

  it('when the hash is forged or auth_date is stale, then 401 says why and no cookie is set', async () => {
    const b = await new Browser(web.url).start();
    const forged = { ...widgetPayload(ADA), id: 1 };
    const res = await b.call('POST', '/web/v1/auth/telegram', forged);
    expect(res.status).to.equal(401);
    expect(res.body.error?.message).to.equal('the sign-in data is not signed by this bot');
    expect(b.lastSetCookies).to.deep.equal([]);
    const stale = await b.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA, Math.floor(Date.now() / 1000) - 25 * 3600));
    expect(stale.status).to.equal(401);
    expect(stale.body.error?.message).to.equal('the sign-in data is older than 86400 s; sign in again');
    expect(b.lastSetCookies).to.deep.equal([]);
    expect((await b.call('GET', '/web/v1/auth/session')).status).to.equal(401);
  });

  it('when a Mini App sends signed initData, then the person is signed in', async () => {
    const b = await new Browser(web.url).start();
    const res = await b.call('POST', '/web/v1/auth/webapp', { init_data: signedInitData({ id: ADA.id, first_name: 'Ada' }) });
    expect(res.status).to.equal(200);
    expect((await b.call('GET', '/web/v1/auth/session')).body.data).to.deep.include({ user_id: ADA.id });
  });

  it('when a change comes without the CSRF token or from another origin, then 403 says what is missing and nothing is signed in', async () => {
    const noToken = new Browser(web.url);
    const res = await noToken.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
    expect(res.status).to.equal(403);
    expect(res.body.error?.message).to.include('x-csrf-token header must repeat the __Host-bp_csrf cookie');
    const foreign = await new Browser(web.url, 'https://evil.example').start();
    const cross = await foreign.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
    expect(cross.status).to.equal(403);
    expect(cross.body.error?.message).to.equal('requests from https://evil.example may not change anything here');
    expect(foreign.lastSetCookies).to.deep.equal([]);
    const b = await signedIn();
    const noOrigin = await b.call('POST', '/web/v1/auth/logout', undefined, { origin: '' });
    expect(noOrigin.status).to.equal(403);
    expect((await b.call('GET', '/web/v1/auth/session')).status, 'still signed in').to.equal(200);
  });

  it('when the refresh token is used, then both tokens rotate; when the old one comes again, then the whole session ends', async () => {
    const b = await signedIn();
    const oldRefresh = b.value('__Secure-bp_refresh');
    const oldAccess = b.value('__Host-bp_access');
    const rotated = await b.call('POST', '/web/v1/auth/refresh');
    expect(rotated.status).to.equal(200);
    expect(rotated.body.data).to.deep.equal({ user_id: ADA.id, access_expires_in: 900 });
    expect(b.value('__Secure-bp_refresh')).to.be.a('string').and.not.equal(oldRefresh);
    expect(b.value('__Host-bp_access')).to.be.a('string').and.not.equal(oldAccess);

    const thief = await new Browser(web.url).start();
    thief.cookies.set('__Secure-bp_refresh', { value: oldRefresh ?? '', path: '/web/v1/auth' });
    const replay = await thief.call('POST', '/web/v1/auth/refresh');
    expect(replay.status).to.equal(401);
    expect(replay.body.error?.message).to.equal('the refresh token was already used, so this session was ended everywhere: sign in again');
    expect(thief.value('__Host-bp_access')).to.equal(undefined);
    // The owner's rotated session is part of the same family: it ends too.
    expect((await b.call('GET', '/web/v1/auth/session')).body.error?.message).to.equal('this session was ended: sign in again');
    expect((await b.call('POST', '/web/v1/auth/refresh')).status).to.equal(401);
  });

  it('when the person logs out, then the cookies are cleared and a kept copy of either token is refused', async () => {
    const b = await signedIn();
    const access = b.value('__Host-bp_access') ?? '';
    const refresh = b.value('__Secure-bp_refresh') ?? '';
    const out = await b.call('POST', '/web/v1/auth/logout');
    expect(out.status).to.equal(200);
    expect(b.lastSetCookies.every((c) => c.includes('Max-Age=0'))).to.equal(true);
    expect(b.value('__Host-bp_access')).to.equal(undefined);

    const copy = await new Browser(web.url).start();
    copy.cookies.set('__Host-bp_access', { value: access, path: '/' });
    copy.cookies.set('__Secure-bp_refresh', { value: refresh, path: '/web/v1/auth' });
    const asCookie = await copy.call('GET', '/web/v1/auth/session');
    expect(asCookie.status).to.equal(401);
    expect(asCookie.body.error?.message).to.equal('this session was ended: sign in again');
    const asBearer = await fetch(`${web.url}/web/v1/groups/${GROUP}`, { headers: { authorization: `Bearer ${access}` } });
    expect(asBearer.status).to.equal(401);
    expect((await copy.call('POST', '/web/v1/auth/refresh')).status).to.equal(401);
  });

  it("when a signed-in person reads a group, then the api's permission check decides: the owner reads it, a stranger is told what they need", async () => {
    const b = await signedIn();
    const own = await b.call('GET', `/web/v1/groups/${GROUP}`);
    expect(own.status).to.equal(200);
    expect(own.body.data).to.deep.include({ group_id: GROUP, name: 'Sign-in group' });
    const stranger = await new Browser(web.url).start();
    await stranger.call('POST', '/web/v1/auth/telegram', widgetPayload({ id: 5151, first_name: 'Stranger' }));
    const refused = await stranger.call('GET', `/web/v1/groups/${GROUP}`);
    expect(refused.status).to.equal(403);
    expect(refused.body.error?.message).to.equal('you need the members.view permission in this group');
  });

  it('when a person lists their groups, then only groups where their role may view members are listed', async () => {
    const OTHER = GROUP - 1;
    const MEMBER_ONLY = GROUP - 2;
    await web.services.groups.create({ group_id: OTHER, name: 'Moderated group' });
    await web.services.users.upsert(OTHER, ADA.id, { role: 'moderator' });
    await web.services.groups.create({ group_id: MEMBER_ONLY, name: 'Just a member' });
    await web.services.users.upsert(MEMBER_ONLY, ADA.id, { role: 'member' });
    const b = await signedIn();
    const mine = await b.call('GET', '/web/v1/me/groups');
    expect(mine.status).to.equal(200);
    expect((mine.body.data as { items: { group_id: number }[] }).items.map((g) => g.group_id)).to.deep.equal([OTHER, GROUP].sort((x, y) => x - y));
  });

  it('when an access token was signed with the secret but outside a web session, then web refuses it; service keys still work', async () => {
    const bare = await signToken(JWT_SECRET, ADA.id, 'access');
    const res = await fetch(`${web.url}/web/v1/groups/${GROUP}`, { headers: { authorization: `Bearer ${bare}` } });
    expect(res.status).to.equal(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).to.equal('the access token belongs to no web session');
    const service = await fetch(`${web.url}/web/v1/groups/${GROUP}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(service.status).to.equal(200);
  });

  it('when a body is not a widget payload, then 400 names the field and nothing is signed in', async () => {
    const b = await new Browser(web.url).start();
    const res = await b.call('POST', '/web/v1/auth/telegram', { id: 'x', hash: 'y' });
    expect(res.status).to.equal(400);
    expect(res.body.error?.details.map((d) => d.path)).to.include.members(['id', 'hash']);
    expect(b.lastSetCookies).to.deep.equal([]);
  });
});
