import { expect } from 'chai';
import { ADMIN_KEY, startApi, type ApiUnderTest } from './api-under-test.js';

describe('api route dispatch', function () {
  let api: ApiUnderTest;
  const G = -1_008_000_000_001;
  before(async () => {
    api = await startApi();
    expect((await api.call('POST', '/api/v2/groups', { body: { group_id: G, name: 'Dispatch' } })).status).to.equal(201);
  });
  after(() => api.close());

  it('when paths are matched, then a param takes one segment, the colon of users:bulk is literal, and case does not matter', async () => {
    const bulk = await api.call('POST', `/api/v2/groups/${G}/users:bulk`, { body: { users: [{ user_id: 31 }] } });
    expect(bulk.status, JSON.stringify(bulk.body)).to.equal(200);
    expect((await api.call('POST', `/api/v2/groups/${G}/users/bulk`, { body: { users: [] } })).status).to.equal(405);
    const user = await api.call('GET', `/API/V2/groups/${G}/users/31/`);
    expect(user.status).to.equal(200);
    expect(user.body.data).to.include({ user_id: 31 });
    expect((await api.call('GET', `/api/v2/groups/${G}/users/31/nothing`)).status).to.equal(404);
  });

  it('when a route is asked with a trailing slash, in other case or as HEAD, then it answers as Express would', async () => {
    expect((await api.call('GET', `/api/v2/groups/${G}/`)).status).to.equal(200);
    expect((await api.call('GET', `/API/V2/GROUPS/${G}`)).status).to.equal(200);
    const head = await fetch(`${api.url}/api/v2/groups/${G}`, { method: 'HEAD', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(head.status).to.equal(200);
    expect(await head.text()).to.equal('');
  });

  it('when no route matches, the method is wrong or a param is badly encoded, then 404, 405 or 400 with the envelope, never a 500', async () => {
    const missing = await api.call('GET', '/api/v2/nowhere');
    expect(missing.status).to.equal(404);
    expect(missing.body.success).to.equal(false);
    const wrongMethod = await api.call('PUT', `/api/v2/groups/${G}`, { body: {} });
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.body.error?.code).to.equal('METHOD_NOT_ALLOWED');
    const bad = await api.call('GET', '/api/v2/groups/%E0%A4%A');
    expect(bad.status).to.equal(400);
    expect(bad.body.error?.code).to.equal('BAD_REQUEST');
  });

  it('when requests are served, then the duration metric is labelled by route template, not by raw path', async () => {
    await api.call('GET', `/api/v2/groups/${G}`);
    const text = await api.registry.metrics();
    expect(text).to.contain('route="/api/v2/groups/:groupId"');
    expect(text).to.not.contain(`route="/api/v2/groups/${G}"`);
  });
});
