import { expect } from 'chai';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { silentLogger } from '../logger.js';
import { defineLuaCommand } from './lua-command.js';
import { closeRedis, createRedisClient } from './redis-client.js';
import { whenReady } from './when-ready.js';

describe('shared/redis defineLuaCommand', function () {
  it('when the server forgot its scripts, then the command loads it again and answers with its keys and args', async function () {
    const client = createRedisClient((await testEnv.redis()).url, { logger: silentLogger(), name: 'test-lua' });
    try {
      expect(await whenReady(client, 5_000)).to.equal(true);
      const setAll = defineLuaCommand(client, 'testSetAll', "for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[1]) end return #KEYS");
      const [a, b] = [uniqueName('lua-a'), uniqueName('lua-b')];
      expect(await setAll([a, b], ['v1'])).to.equal(2);
      await client.script('FLUSH');
      expect(await setAll([a], ['v2'])).to.equal(1);
      expect(await client.mget(a, b)).to.deep.equal(['v2', 'v1']);
    } finally {
      await closeRedis(client);
    }
  });
});
