import { expect } from 'chai';
import { uniqueName } from '../../test/harness/env.js';
import { gate, metricValue, startCache } from './cache.test-support.js';

describe('cache without redis (memory mode)', function () {
  it('when no redis url is given, then values are cached in process and status says memory', async function () {
    const { cache, registry, lines } = await startCache({ prefix: uniqueName('mem') });
    try {
      expect(cache.status()).to.deep.equal({ mode: 'memory', redis: 'disabled', localEntries: 0 });
      let loads = 0;
      const loader = () => Promise.resolve({ n: ++loads, at: new Date(0) });
      // A JSON round trip, as if it had come from redis: the date becomes a string.
      expect(await cache.getOrLoad('group:-1', 3600, loader)).to.deep.equal({ n: 1, at: '1970-01-01T00:00:00.000Z' });
      expect(await cache.getOrLoad('group:-1', 3600, loader)).to.deep.equal({ n: 1, at: '1970-01-01T00:00:00.000Z' });
      expect(loads).to.equal(1);
      await cache.set('settings:-1', { warn_limit: 3 }, 3600);
      expect(await cache.get('settings:-1')).to.deep.equal({ warn_limit: 3 });
      expect(await cache.get('settings:-2')).to.equal(undefined);
      expect(await metricValue(registry, 'cache_hits_total', { layer: 'local' })).to.equal(2);
      expect(await metricValue(registry, 'cache_misses_total')).to.equal(2);
      expect(await metricValue(registry, 'cache_redis_up')).to.equal(0);
      expect(lines.filter((l) => l.level === 'warn')).to.deep.equal([]);
    } finally {
      await cache.close();
    }
  });

  it('when a key is invalidated, then the next read loads again', async function () {
    const { cache } = await startCache({ prefix: uniqueName('mem') });
    try {
      let loads = 0;
      const loader = () => Promise.resolve(++loads);
      expect(await cache.getOrLoad('user:-1:1', 1800, loader)).to.equal(1);
      await cache.invalidate('user:-1:1', 'user:-1:2');
      expect(await cache.getOrLoad('user:-1:1', 1800, loader)).to.equal(2);
    } finally {
      await cache.close();
    }
  });

  it('when a value is stored with a short TTL, then it expires', async function () {
    // The cache's clock only moves when the test moves it: no race with a slow machine.
    let now = 1_000_000;
    const { cache } = await startCache({ prefix: uniqueName('mem'), now: () => now });
    try {
      await cache.set('role:-1:admin', { priority: 1 }, 0.05);
      now += 49;
      expect(await cache.get('role:-1:admin')).to.deep.equal({ priority: 1 });
      now += 2;
      expect(await cache.get('role:-1:admin')).to.equal(undefined);
    } finally {
      await cache.close();
    }
  });

  it('when more keys than maxEntries are stored, then the least recently used are evicted', async function () {
    const { cache } = await startCache({ prefix: uniqueName('mem'), maxEntries: 3 });
    try {
      for (const k of ['a', 'b', 'c', 'd']) await cache.set(k, k, 60);
      expect(cache.status().localEntries).to.equal(3);
      expect(await cache.get('a')).to.equal(undefined);
      expect(await cache.get('d')).to.equal('d');
    } finally {
      await cache.close();
    }
  });

  it('when the loader returns undefined, then nothing is cached', async function () {
    const { cache } = await startCache({ prefix: uniqueName('mem') });
    try {
      let loads = 0;
      const loader = () => {
        loads += 1;
        return Promise.resolve(undefined);
      };
      expect(await cache.getOrLoad('group:-404', 60, loader)).to.equal(undefined);
      expect(await cache.getOrLoad('group:-404', 60, loader)).to.equal(undefined);
      expect(loads).to.equal(2);
    } finally {
      await cache.close();
    }
  });

  it('when concurrent misses share one load, then a set during the load wins over the loaded value', async function () {
    const { cache } = await startCache({ prefix: uniqueName('mem') });
    try {
      const held = gate<string>();
      const loads = [cache.getOrLoad('group:-9', 60, () => held.promise), cache.getOrLoad('group:-9', 60, () => Promise.resolve('second'))];
      await cache.set('group:-9', 'written', 60);
      held.open('loaded');
      expect(await Promise.all(loads)).to.deep.equal(['loaded', 'loaded']);
      expect(await cache.get('group:-9')).to.equal('written');
    } finally {
      await cache.close();
    }
  });
});
