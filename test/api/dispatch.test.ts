import { expect } from 'chai';
import { compilePath } from '../../internal/api/route-table.js';
import { ADMIN_KEY, startApi, type ApiUnderTest } from './api-under-test.js';

describe('api route dispatch', function () {
  let api: ApiUnderTest;
  const G = -1_008_000_000_001;
  before(async () => {
    api = await startApi();
    expect((await api.call('POST', '/api/v2/groups', { body: { group_id: G, name: 'Dispatch' } })).status).to.equal(201);
  });
  after(() => api.close());

  it('when paths are compiled, then params take one segment, an escaped colon is literal, and case and a trailing slash do not matter', () => {
    const bulk = compilePath('/api/v2/groups/:groupId/users\\:bulk');
    expect(bulk.keys).to.deep.equal(['groupId']);
    expect(bulk.pattern.exec('/api/v2/groups/-1/users:bulk')?.[1]).to.equal('-1');
    expect(bulk.pattern.test('/api/v2/groups/-1/users/bulk')).to.equal(false);
    const user = compilePath('/api/v2/groups/:groupId/users/:userId');
    expect(user.pattern.exec('/API/V2/groups/-1/users/42/')?.slice(1)).to.deep.equal(['-1', '42']);
    expect(user.pattern.test('/api/v2/groups/-1/users/42/stats')).to.equal(false);
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
