import { expect } from 'chai';
import type { Server } from 'node:http';
import { createApiApp } from './app.js';
import { parseApiKeys } from '../shared/auth/index.js';
import { cachedStore, createCache } from '../cache/index.js';
import { createServices } from '../domain/index.js';
import { createLogger, createRegistry, Health, listen, urlOf } from '../shared/index.js';
import { createMemoryStore } from '../store/memory/index.js';

const KEY = 'cached-reply-test-key-000';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** The hot path's shortcuts (cached reply text, remembered path parameters) must not show. */
describe('api/cached replies and remembered path parameters', () => {
  let server: Server;
  let url: string;
  before(async () => {
    const logger = createLogger({ service: 'api', level: 'error', format: 'json' });
    const telemetry = { logger, registry: createRegistry(), health: new Health() };
    const services = createServices(cachedStore(createMemoryStore(), createCache({ prefix: 't', logger, registry: telemetry.registry })));
    server = await listen(createApiApp({ telemetry, services, auth: { keys: parseApiKeys(`admin:${KEY}`) } }), 0);
    url = urlOf(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const read = async (path: string) => {
    const res = await fetch(url + path, { headers });
    const kept = [...res.headers].filter(([k]) => k !== 'date' && k !== 'keep-alive' && k !== 'connection');
    return { status: res.status, body: await res.text(), headers: kept };
  };

  it('when a cached group is read again, then the reply has the same bytes and headers as the first, uncached one', async () => {
    const created = await fetch(`${url}/api/v2/groups`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ group_id: -1002000000001, name: 'Ü "quoted" <x>', description: 'line\nbreak \u2028' }),
    });
    expect(created.status).to.equal(201);
    const first = await read('/api/v2/groups/-1002000000001');
    const second = await read('/api/v2/groups/-1002000000001');
    const third = await read('/api/v2/groups/-1002000000001');
    expect(first.status).to.equal(200);
    expect(second).to.deep.equal(first);
    expect(third).to.deep.equal(first);
    expect((JSON.parse(first.body) as { data: { name: string } }).data.name).to.equal('Ü "quoted" <x>');
  });

  it('when a path was valid once and then an invalid one comes, then each gets its own answer', async () => {
    expect((await read('/api/v2/groups/-1002000000999')).status).to.equal(404);
    expect((await read('/api/v2/groups/-1002000000999')).status).to.equal(404);
    const bad = await read('/api/v2/groups/not-a-number');
    expect(bad.status).to.equal(400);
    expect((JSON.parse(bad.body) as { error: { code: string } }).error.code).to.equal('VALIDATION_FAILED');
    expect((await read('/api/v2/groups/not-a-number')).status).to.equal(400);
  });
});
