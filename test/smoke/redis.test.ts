import { expect } from 'chai';
import { Redis } from 'ioredis';
import { testEnv, uniqueName } from '../harness/env.js';

describe('test environment: Redis', function () {
  let redis: Redis;

  before(async function () {
    this.timeout(30_000);
    redis = new Redis((await testEnv.redis()).url);
  });
  after(() => redis?.quit());

  it('when a key is written, then a fresh connection reads it back', async () => {
    const key = uniqueName('smoke');
    await redis.set(key, 'hello', 'EX', 60);
    const other = new Redis((await testEnv.redis()).url);
    try {
      expect(await other.get(key)).to.equal('hello');
      expect(await other.ttl(key)).to.be.within(1, 60);
    } finally {
      await other.quit();
    }
  });

  it('when the server answers INFO, then it is a real redis-server', async () => {
    const info = await redis.info('server');
    expect(info).to.match(/redis_version:\d+\.\d+/);
    expect(info).to.match(/tcp_port:\d+/);
  });
});
