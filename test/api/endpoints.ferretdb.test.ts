import { expect } from 'chai';
import { testEnv } from '../harness/env.js';
import { startApi, type ApiUnderTest } from './api-under-test.js';
import { endpointSuite, newGroupId } from './endpoints.suite.js';

describe('api over HTTP: FerretDB store and Redis cache', function () {
  this.timeout(60_000);
  endpointSuite(async () => startApi({ mongoUri: (await testEnv.mongo()).uri, redisUrl: (await testEnv.redis()).url }));

  describe('outages', () => {
    let api: ApiUnderTest;
    before(async () => (api = await startApi({ mongoUri: (await testEnv.mongo()).uri, redisUrl: (await testEnv.redis()).url })));
    after(() => api?.close());

    it('when Redis stops mid-test, then no request fails, and the cache returns to Redis when it is back', async () => {
      const redis = await testEnv.redis();
      const id = newGroupId();
      expect((await api.call('POST', '/api/v2/groups', { body: { group_id: id, name: 'redis outage' } })).status).to.equal(201);
      await redis.stop();
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) {
          statuses.push((await api.call('GET', `/api/v2/groups/${id}`)).status);
          statuses.push((await api.call('PATCH', `/api/v2/groups/${id}`, { body: { name: `renamed ${i}` } })).status);
          statuses.push((await api.call('PUT', `/api/v2/groups/${id}/users/${100 + i}`, { body: { first_name: 'x' } })).status);
        }
        expect(
          statuses.every((s) => s === 200),
          statuses.join(','),
        ).to.equal(true);
        const read = await api.call('GET', `/api/v2/groups/${id}`);
        expect((read.body.data as { name: string }).name).to.equal('renamed 19');
        expect(await api.metric('cache_redis_up')).to.equal(0);
      } finally {
        await redis.start();
      }
      const deadline = Date.now() + 10_000;
      while ((await api.metric('cache_redis_up')) !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await api.metric('cache_redis_up')).to.equal(1);
      expect((await api.call('GET', `/api/v2/groups/${id}`)).status).to.equal(200);
    });

    it('when FerretDB stops, then cached reads still answer, misses and writes get 503, /readyz is 503, and all recover', async () => {
      const mongo = await testEnv.mongo();
      const cached = newGroupId();
      const uncached = newGroupId();
      expect((await api.call('POST', '/api/v2/groups', { body: { group_id: cached, name: 'cached' } })).status).to.equal(201);
      expect((await api.call('POST', '/api/v2/groups', { body: { group_id: uncached, name: 'uncached' } })).status).to.equal(201);
      expect((await api.call('GET', `/api/v2/groups/${cached}`)).status).to.equal(200);
      await mongo.stop();
      try {
        expect((await api.call('GET', `/api/v2/groups/${cached}`)).status, 'cached read').to.equal(200);
        const miss = await api.call('GET', `/api/v2/groups/${uncached}/users?limit=5`);
        expect(miss.status).to.equal(503);
        expect(miss.body.error?.code).to.equal('DEPENDENCY_UNAVAILABLE');
        const write = await api.call('POST', '/api/v2/groups', { body: { group_id: newGroupId(), name: 'during outage' } });
        expect(write.status).to.equal(503);
        expect(write.body.error?.message).to.match(/unavailable/i);
        expect((await fetch(`${api.url}/readyz`)).status).to.equal(503);
      } finally {
        await mongo.start();
      }
      const deadline = Date.now() + 20_000;
      while ((await fetch(`${api.url}/readyz`)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect((await fetch(`${api.url}/readyz`)).status).to.equal(200);
      expect((await api.call('GET', `/api/v2/groups/${uncached}/users?limit=5`)).status).to.equal(200);
      expect((await api.call('POST', '/api/v2/groups', { body: { group_id: newGroupId(), name: 'after outage' } })).status).to.equal(201);
    });
  });
});
