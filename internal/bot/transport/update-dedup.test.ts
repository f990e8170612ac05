import { expect } from 'chai';
import { closeRedis, createRedisClient } from '../../shared/redis/index.js';
import { freePort } from '../../../test/harness/process.js';
import { uniqueName } from '../../../test/harness/env.js';
import { silentLogger } from '../../shared/logger.js';
import { capturedLogger } from '../outbound/outbound.test-support.js';
import { UpdateDedup } from './update-dedup.js';

describe('update de-duplication without redis', function () {
  it('when there is no redis, then an update id is claimed once per process and the oldest ids are forgotten past the size', async function () {
    const dedup = new UpdateDedup({ keyPrefix: uniqueName('botplatform'), botId: 42, logger: silentLogger(), localSize: 2 });
    expect(await dedup.claim(1)).to.equal(true);
    expect(await dedup.claim(1)).to.equal(false);
    expect(await dedup.claim(2)).to.equal(true);
    expect(await dedup.claim(3)).to.equal(true);
    expect(await dedup.claim(2)).to.equal(false);
    expect(await dedup.claim(1)).to.equal(true);
  });

  it('when redis is unreachable, then duplicates are still caught in process and the outage is logged once', async function () {
    const { logger, lines } = capturedLogger();
    const down = createRedisClient(`redis://127.0.0.1:${await freePort()}`, { logger, name: 'bot-test-down', reconnectMaxDelayMs: 50 });
    try {
      const dedup = new UpdateDedup({ redis: down, keyPrefix: uniqueName('botplatform'), botId: 42, logger });
      expect(await dedup.claim(10)).to.equal(true);
      expect(await dedup.claim(11)).to.equal(true);
      expect(await dedup.claim(10)).to.equal(false);
      expect(lines.filter((l) => l.message.startsWith('redis unavailable for update de-duplication'))).to.have.length(1);
    } finally {
      await closeRedis(down);
    }
  });
});
