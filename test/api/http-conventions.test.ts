import { expect } from 'chai';
import { ADMIN_KEY, startApi, type ApiUnderTest } from './api-under-test.js';

const GROUP = -1007100000001;

/** HTTP as RFC 9110 and browsers expect it: methods, media types, auth schemes, bodies. */
describe('api HTTP conventions', () => {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
    await api.call('POST', '/api/v2/groups', { body: { group_id: GROUP, name: 'Conventions' } });
  });
  after(() => api?.close());

  const raw = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
    fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_KEY}`, ...init.headers }, body: init.body });

  it('when a known path is called with a method it does not serve, then 405 with Allow and the error envelope', async () => {
    const res = await raw('PUT', `/api/v2/groups/${GROUP}`, { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).to.equal(405);
    expect(res.headers.get('allow')?.split(', ').sort()).to.deep.equal(['DELETE', 'GET', 'HEAD', 'PATCH']);
    const body = (await res.json()) as { success: boolean; error: { code: string; message: string } };
    expect(body.success).to.equal(false);
    expect(body.error.code).to.equal('METHOD_NOT_ALLOWED');
    expect(body.error.message).to.include('PUT');
    expect((await api.call('GET', `/api/v2/groups/${GROUP}`)).body.data).to.include({ name: 'Conventions' });
  });

  it('when an unknown path is called, then still 404', async () => {
    const res = await raw('GET', '/api/v2/nothing-here');
    expect(res.status).to.equal(404);
    expect(res.headers.get('allow')).to.equal(null);
  });

  it('when OPTIONS is sent to a known path, then 204 with the methods it serves', async () => {
    const res = await raw('OPTIONS', '/api/v2/groups');
    expect(res.status).to.equal(204);
    expect(res.headers.get('allow')?.split(', ').sort()).to.deep.equal(['GET', 'HEAD', 'OPTIONS', 'POST']);
  });

  it('when a body is sent as form data or text, then 415 saying JSON is needed, and nothing is created', async () => {
    const id = GROUP - 1;
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', `group_id=${id}&name=x`],
      ['text/plain', JSON.stringify({ group_id: id, name: 'x' })],
    ] as const) {
      const res = await raw('POST', '/api/v2/groups', { headers: { 'content-type': type }, body });
      expect(res.status, type).to.equal(415);
      const err = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(err.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
      expect(err.message).to.include('application/json').and.include(type);
    }
    expect((await api.call('GET', `/api/v2/groups/${id}`)).status).to.equal(404);
  });

  it('when a JSON body has a charset or a +json type, then it is accepted', async () => {
    const res = await raw('PATCH', `/api/v2/groups/${GROUP}`, {
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ description: 'charset ok' }),
    });
    expect(res.status).to.equal(200);
    const merge = await raw('PATCH', `/api/v2/groups/${GROUP}`, {
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ description: 'plus json' }),
    });
    expect(merge.status).to.equal(200);
    expect((await api.call('GET', `/api/v2/groups/${GROUP}`)).body.data).to.include({ description: 'plus json' });
  });

  it('when the Bearer scheme is written in another case, then the key is accepted (schemes are case-insensitive)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const res = await fetch(`${api.url}/api/v2/groups/${GROUP}`, { headers: { authorization: `${scheme} ${ADMIN_KEY}` } });
      expect(res.status, scheme).to.equal(200);
    }
    const basic = await fetch(`${api.url}/api/v2/groups/${GROUP}`, { headers: { authorization: `Basic ${ADMIN_KEY}` } });
    expect(basic.status).to.equal(401);
  });

  it('when the body is JSON null, a number or a string, then 400 says the body must be an object', async () => {
    for (const body of ['null', '42', '"text"', 'true']) {
      const res = await api.call('POST', '/api/v2/groups', { raw: body });
      expect(res.status, body).to.equal(400);
      expect(res.body.error?.message, body).to.include('must be a JSON object');
    }
    const broken = await api.call('POST', '/api/v2/groups', { raw: '{"group_id": ' });
    expect(broken.body.error?.message).to.equal('request body is not valid JSON');
  });

  it('when X-Actor-Id is not an id on a request with a body, then 400 and the server keeps answering', async () => {
    for (const actor of ['abc', '1.5', '99999999999999999', '0', '']) {
      const res = await api.call('POST', '/api/v2/groups', { body: { group_id: GROUP - 2, name: 'x' }, headers: { 'x-actor-id': actor } });
      expect(res.status, `X-Actor-Id: ${actor}`).to.equal(400);
      expect(res.body.error?.message).to.include('X-Actor-Id');
    }
    expect((await api.call('GET', `/api/v2/groups/${GROUP - 2}`)).status).to.equal(404);
    expect((await api.call('GET', `/api/v2/groups/${GROUP}`)).status).to.equal(200);
  });
});
