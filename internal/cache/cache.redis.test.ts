import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { testEnv, uniqueName } from '../../test/harness/env.js';
import { eventually, gate, metricValue, rawRedis, startCache, type TestCache } from './cache.test-support.js';

describe('cache with redis', function () {
  let url: string;
  let raw: Redis;
  let prefix: string;
  const started: TestCache[] = [];

  async function instance(): Promise<TestCache> {
    const c = await startCache({ redisUrl: url, prefix });
    started.push(c);
    expect(c.cache.status().redis).to.equal('up');
    return c;
  }

  before(async function () {
    ({ url } = await testEnv.redis());
    raw = rawRedis(url);
  });

  beforeEach(function () {
    prefix = uniqueName('cache');
  });

  afterEach(async function () {
    await Promise.all(started.splice(0).map((c) => c.cache.close()));
  });

  after(function () {
    raw.disconnect();
  });

  it('when a key was loaded once, then the next read is a local hit and the loader is not called again', async function () {
    const { cache, registry } = await instance();
    let loads = 0;
    const loader = () => Promise.resolve({ id: -1001234567890, name: `g${++loads}` });
    expect(await cache.getOrLoad('group:-1001234567890', 60, loader)).to.deep.equal({ id: -1001234567890, name: 'g1' });
    expect(await cache.getOrLoad('group:-1001234567890', 60, loader)).to.deep.equal({ id: -1001234567890, name: 'g1' });
    expect(await cache.get('group:-1001234567890')).to.deep.equal({ id: -1001234567890, name: 'g1' });
    expect(loads).to.equal(1);
    expect(await metricValue(registry, 'cache_hits_total', { layer: 'local' })).to.equal(2);
    expect(await metricValue(registry, 'cache_misses_total')).to.equal(1);
    expect(JSON.parse((await raw.get(`${prefix}:cache:group:-1001234567890`)) ?? 'null')).to.deep.equal({ id: -1001234567890, name: 'g1' });
  });

  it('when a second instance shares the redis, then it reads what the first stored without running its loader', async function () {
    const a = await instance();
    const b = await instance();
    await a.cache.getOrLoad('settings:-1', 60, () => Promise.resolve({ warn_limit: 3 }));
    let bLoads = 0;
    const got = await b.cache.getOrLoad('settings:-1', 60, () => Promise.resolve({ warn_limit: ++bLoads }));
    expect(got).to.deep.equal({ warn_limit: 3 });
    expect(bLoads).to.equal(0);
    expect(await metricValue(b.registry, 'cache_hits_total', { layer: 'redis' })).to.equal(1);
    // Now in b's local layer too.
    expect(await b.cache.get('settings:-1')).to.deep.equal({ warn_limit: 3 });
    expect(await metricValue(b.registry, 'cache_hits_total', { layer: 'local' })).to.equal(1);
  });

  it('when values are stored with a TTL, then redis holds them with that TTL and both layers drop them after it', async function () {
    const { cache } = await instance();
    await cache.set('user:-1:1', { role: 'member' }, 1);
    await cache.getOrLoad('user:-1:2', 3600, () => Promise.resolve({ role: 'admin' }));
    // -2 (gone) when a slow machine gets here after the second has passed; -1 would be no TTL.
    const ttl1 = await raw.pttl(`${prefix}:cache:user:-1:1`);
    expect(ttl1).to.be.at.most(1000).and.not.equal(-1);
    const ttl2 = await raw.ttl(`${prefix}:cache:user:-1:2`);
    expect(ttl2).to.be.greaterThan(3000).and.at.most(3600);
    await eventually(
      'both layers dropped the 1 s entry',
      async () => (await raw.exists(`${prefix}:cache:user:-1:1`)) === 0 && (await cache.get('user:-1:1')) === undefined,
    );
    expect(await cache.get('user:-1:2')).to.deep.equal({ role: 'admin' });
  });

  it('when ten calls miss the same key at once, then the loader runs once and all get its value', async function () {
    const { cache } = await instance();
    let loads = 0;
    const held = gate();
    const loader = async () => {
      loads += 1;
      await held.promise;
      return { n: loads };
    };
    const calls = Array.from({ length: 10 }, () => cache.getOrLoad('role:-1:admin', 60, loader));
    held.open();
    const results = await Promise.all(calls);
    expect(loads).to.equal(1);
    expect(results).to.deep.equal(Array.from({ length: 10 }, () => ({ n: 1 })));
  });

  it('when the loader fails, then every waiting caller gets the error and nothing is cached', async function () {
    const { cache } = await instance();
    const calls = Array.from({ length: 3 }, () => cache.getOrLoad('group:-2', 60, () => Promise.reject(new Error('store down'))));
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(await raw.exists(`${prefix}:cache:group:-2`)).to.equal(0);
    expect(await cache.getOrLoad('group:-2', 60, () => Promise.resolve('loaded'))).to.equal('loaded');
  });

  it('when instance A invalidates a key, then instance B drops it from its local layer', async function () {
    const a = await instance();
    const b = await instance();
    // getOrLoad, not set: set's own invalidation message could reach b after b's read.
    await a.cache.getOrLoad('group:-3', 60, () => Promise.resolve({ name: 'old' }));
    expect(await b.cache.get('group:-3')).to.deep.equal({ name: 'old' });
    expect(b.cache.status().localEntries).to.equal(1);

    await a.cache.invalidate('group:-3');
    await eventually('b dropped its local copy', () => b.cache.status().localEntries === 0, 2_000);
    expect(await raw.exists(`${prefix}:cache:group:-3`)).to.equal(0);
    let bLoads = 0;
    expect(await b.cache.getOrLoad('group:-3', 60, () => Promise.resolve({ name: `new${++bLoads}` }))).to.deep.equal({ name: 'new1' });
  });

  it('when instance A overwrites a key with set, then instance B stops serving its older local copy', async function () {
    const a = await instance();
    const b = await instance();
    await a.cache.set('settings:-4', { language: 'en' }, 60);
    expect(await b.cache.get('settings:-4')).to.deep.equal({ language: 'en' });
    await a.cache.set('settings:-4', { language: 'de' }, 60);
    await eventually('b sees the new value', async () => (await b.cache.get<{ language: string }>('settings:-4'))?.language === 'de', 2_000);
  });

  it('when a key is invalidated while its loader runs, then the loaded value is returned but not cached, and later callers load again', async function () {
    const { cache } = await instance();
    const started = gate();
    const held = gate<string>();
    const first = cache.getOrLoad('group:-5', 60, () => {
      started.open();
      return held.promise;
    });
    await started.promise;
    await cache.invalidate('group:-5');
    // A caller after the write must not join the load that began before it.
    const second = cache.getOrLoad('group:-5', 60, () => Promise.resolve('after-write'));
    held.open('before-write');
    expect(await first).to.equal('before-write');
    expect(await second).to.equal('after-write');
    expect(await cache.get('group:-5')).to.equal('after-write');
    expect(JSON.parse((await raw.get(`${prefix}:cache:group:-5`)) ?? 'null')).to.equal('after-write');
  });

  it('when another replica writes the key during a load and its message is late, then redis keeps no pre-write value', async function () {
    const { cache } = await instance();
    const started = gate();
    const held = gate<string>();
    const load = cache.getOrLoad('user:-6:6', 60, () => {
      started.open();
      return held.promise;
    });
    await started.promise;
    // What another replica's invalidate does in redis, without the pub/sub message.
    await raw.incr(`${prefix}:cache-version:user:-6:6`);
    held.open('stale');
    expect(await load).to.equal('stale');
    expect(await raw.exists(`${prefix}:cache:user:-6:6`)).to.equal(0);
    expect(cache.status().localEntries).to.equal(0);
  });

  it('when a cached object is returned, then it is frozen so callers cannot corrupt the cache', async function () {
    const { cache } = await instance();
    const value = await cache.getOrLoad('group:-7', 60, () => Promise.resolve({ name: 'x', tags: ['a'] }));
    expect(Object.isFrozen(value)).to.equal(true);
    expect(Object.isFrozen(value.tags)).to.equal(true);
    expect(() => value.tags.push('b')).to.throw(TypeError);
  });

  it('when another instance publishes on the channel, then its own messages and malformed ones are ignored', async function () {
    const a = await instance();
    await a.cache.set('group:-8', 1, 60);
    await raw.publish(`${prefix}:cache:invalidate`, 'not json');
    await a.cache.set('group:-9', 2, 60); // a's own message for group:-9 must not drop it
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.cache.status().localEntries).to.equal(2);
  });

  it('when the cache is closed, then no outage is reported and later calls still answer from the loader', async function () {
    const { cache, registry, lines } = await instance();
    await cache.close();
    expect(await cache.getOrLoad('group:-11', 60, () => Promise.resolve('loaded'))).to.equal('loaded');
    await cache.invalidate('group:-11');
    expect(lines.filter((l) => l.level === 'warn')).to.deep.equal([]);
    expect(await metricValue(registry, 'cache_redis_up')).to.equal(0);
  });
});
