import { expect } from 'chai';
import { testEnv } from '../../../test/harness/env.js';
import { freePort } from '../../../test/harness/process.js';
import { silentLogger } from '../logger.js';
import { closeRedis, createRedisClient } from './redis-client.js';
import { whenReady } from './when-ready.js';

describe('shared/redis whenReady', function () {
  it('when redis answers, then it resolves true once the client is ready, and at once when it already is', async function () {
    const client = createRedisClient((await testEnv.redis()).url, { logger: silentLogger(), name: 'test-ready' });
    try {
      expect(client.status).to.not.equal('ready');
      expect(await whenReady(client, 5_000)).to.equal(true);
      expect(client.status).to.equal('ready');
      expect(await whenReady(client, 0)).to.equal(true);
    } finally {
      await closeRedis(client);
    }
  });

  it('when nothing listens on the port, then it resolves false after the timeout and leaves no listener behind', async function () {
    const client = createRedisClient(`redis://127.0.0.1:${await freePort()}`, { logger: silentLogger(), name: 'test-ready-down', reconnectMaxDelayMs: 50 });
    try {
      const before = client.listenerCount('ready');
      expect(await whenReady(client, 300)).to.equal(false);
      expect(client.listenerCount('ready')).to.equal(before);
    } finally {
      await closeRedis(client);
    }
  });
});
