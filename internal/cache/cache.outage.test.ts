import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { testEnv, uniqueName } from '../../test/harness/env.js';
import { freePort } from '../../test/harness/process.js';
import type { RedisServer } from '../../test/harness/redis.js';
import { eventually, metricValue, rawRedis, startCache, startCutProxy, type LogLine, type TestCache } from './cache.test-support.js';

const warnings = (lines: LogLine[]) => lines.filter((l) => l.level === 'warn');
const backLines = (lines: LogLine[]) => lines.filter((l) => l.level === 'info' && l.message.includes('back'));

describe('cache when redis goes away', function () {
  let server: RedisServer;
  let raw: Redis;
  let prefix: string;
  const started: TestCache[] = [];

  async function instance(): Promise<TestCache> {
    const c = await startCache({ redisUrl: server.url, prefix });
    started.push(c);
    expect(c.cache.status().redis).to.equal('up');
    return c;
  }

  /** Stops redis for `during`, and always brings it back, even when `during` fails. */
  async function withRedisStopped(during: () => Promise<void>): Promise<void> {
    await server.stop();
    try {
      await during();
    } finally {
      await server.start();
    }
  }

  before(async function () {
    server = await testEnv.redis();
    raw = rawRedis(server.url);
  });

  beforeEach(function () {
    prefix = uniqueName('outage');
  });

  afterEach(async function () {
    await Promise.all(started.splice(0).map((c) => c.cache.close()));
  });

  after(function () {
    raw.disconnect();
  });

  it('when redis stops mid-test, then 200 calls succeed from the local layer and the loader, with one warning and cache_redis_up 0', async function () {
    const { cache, registry, lines } = await instance();
    await cache.set('group:-1', { name: 'cached' }, 60);
    let loads = 0;
    const loader = () => Promise.resolve({ loaded: ++loads });

    await withRedisStopped(async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => [
          cache.get(`group:${i % 2 === 0 ? -1 : -100 - i}`),
          cache.getOrLoad(`user:-1:${i % 5}`, 60, loader),
          cache.set(`settings:-${i}`, { i }, 60),
          cache.invalidate(`role:-1:r${i}`),
        ]).flat(),
      );
      expect(results).to.have.length(200);
      expect(results.filter((r) => r.status === 'rejected')).to.deep.equal([]);
      const values = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
      expect(values[0]).to.deep.equal({ name: 'cached' });
      expect(loads).to.equal(5); // one load per distinct user key, then local hits
      expect(await cache.get('settings:-7')).to.deep.equal({ i: 7 });

      await eventually('the cache reports redis down', () => cache.status().redis === 'down', 3_000);
      expect(warnings(lines)).to.have.length(1);
      expect(warnings(lines)[0]?.message).to.match(/redis unavailable/);
      expect(await metricValue(registry, 'cache_redis_up')).to.equal(0);
    });

    await eventually('the cache reports redis up', () => cache.status().redis === 'up', 5_000);
    expect(await metricValue(registry, 'cache_redis_up')).to.equal(1);
    expect(backLines(lines)).to.have.length(1);
    expect(warnings(lines)).to.have.length(1);
    await cache.set('group:-2', { name: 'after' }, 60);
    expect(await raw.get(`${prefix}:cache:group:-2`)).to.equal('{"name":"after"}');
  });

  it('when one instance is cut off while it invalidates a key, then once back it deletes the old value from redis and the other replicas', async function () {
    const proxy = await startCutProxy(server.port);
    try {
      const a = await startCache({ redisUrl: proxy.url, prefix });
      started.push(a);
      const b = await instance();
      await a.cache.getOrLoad('group:-10', 60, () => Promise.resolve('old'));
      expect(await b.cache.get('group:-10')).to.equal('old');

      proxy.cut();
      await eventually('a sees redis down', () => a.cache.status().redis === 'down', 3_000);
      await a.cache.invalidate('group:-10');
      // Redis itself is fine and still holds the old value: b keeps serving it meanwhile.
      expect(await raw.get(`${prefix}:cache:group:-10`)).to.equal('"old"');
      expect(await a.cache.getOrLoad('group:-10', 60, () => Promise.resolve('new'))).to.equal('new');

      proxy.restore();
      await eventually('a is up again', () => a.cache.status().redis === 'up', 5_000);
      await eventually('redis no longer holds the old value', async () => (await raw.exists(`${prefix}:cache:group:-10`)) === 0, 3_000);
      await eventually('b dropped its local copy', () => b.cache.status().localEntries === 0, 3_000);
      expect(await b.cache.getOrLoad('group:-10', 60, () => Promise.resolve('new'))).to.equal('new');
      expect(await a.cache.get('group:-10')).to.equal('new');
    } finally {
      await proxy.close();
    }
  });

  it('when redis keeps the connection but stops answering, then a few calls time out and the cache stops trying until it answers again', async function () {
    const proxy = await startCutProxy(server.port);
    try {
      const { cache, registry, lines } = await startCache({ redisUrl: proxy.url, prefix, redis: { reconnectMaxDelayMs: 100, commandTimeoutMs: 200 } });
      started.push({ cache, registry, lines });
      proxy.freeze();
      let loads = 0;
      const loader = () => Promise.resolve(++loads);
      const first = await Promise.all([1, 2, 3].map((i) => cache.getOrLoad(`group:-4${i}`, 60, loader)));
      expect(first).to.have.members([1, 2, 3]);
      expect(cache.status().redis).to.equal('down');
      expect(await metricValue(registry, 'cache_redis_errors_total')).to.equal(3);
      // Paused: these skip redis instead of each waiting for the timeout.
      for (let i = 0; i < 20; i++) await cache.getOrLoad(`group:-5${i}`, 60, loader);
      expect(await metricValue(registry, 'cache_redis_errors_total')).to.equal(3);
      expect(warnings(lines)).to.have.length(1);

      proxy.restore();
      let n = 0;
      await eventually(
        'a probe finds redis answering',
        async () => {
          await cache.get(`group:-probe${n++}`);
          return cache.status().redis === 'up';
        },
        5_000,
      );
      expect(backLines(lines)).to.have.length(1);
    } finally {
      await proxy.close();
    }
  });

  it('when redis is back, then entries cached locally during the outage are dropped (their invalidations were missed)', async function () {
    const { cache } = await instance();
    await withRedisStopped(async () => {
      await eventually('redis down', () => cache.status().redis === 'down', 3_000);
      await cache.getOrLoad('group:-20', 60, () => Promise.resolve('local only'));
      expect(cache.status().localEntries).to.equal(1);
    });
    await eventually('redis up', () => cache.status().redis === 'up', 5_000);
    expect(cache.status().localEntries).to.equal(0);
  });

  it('when redis is unreachable from the start, then the cache works from the loader and logs one warning', async function () {
    const port = await freePort();
    const { cache, registry, lines } = await startCache({ redisUrl: `redis://:s3cret@127.0.0.1:${port}`, prefix });
    started.push({ cache, registry, lines });
    expect(cache.status().redis).to.equal('down');
    let loads = 0;
    for (let i = 0; i < 20; i++) expect(await cache.getOrLoad('group:-30', 60, () => Promise.resolve(++loads))).to.equal(1);
    await cache.invalidate('group:-30');
    expect(await cache.getOrLoad('group:-30', 60, () => Promise.resolve(++loads))).to.equal(2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few reconnect attempts
    expect(warnings(lines)).to.have.length(1);
    expect(JSON.stringify(lines)).not.to.contain('s3cret');
    expect(await metricValue(registry, 'cache_redis_up')).to.equal(0);
  });
});
