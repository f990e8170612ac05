import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { closeRedis, createRedisClient } from '../../shared/redis/index.js';
import { silentLogger } from '../../shared/logger.js';
import { freePort } from '../../../test/harness/process.js';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { OutboundQueue } from './outbound.queue.js';
import { capturedLogger, connectedRedis, RecordingPacer } from './outbound.test-support.js';
import { createSendPacer, RedisSendPacer } from './send-pacing.redis.js';

const GROUP = -1009876543210;

describe('outbound pacing shared through redis', function () {
  let redis: Redis;
  let prefix: string;

  before(async function () {
    redis = await connectedRedis((await testEnv.redis()).url, silentLogger());
  });

  beforeEach(function () {
    prefix = uniqueName('botplatform');
  });

  after(async function () {
    await closeRedis(redis);
  });

  function messageBuckets(chatId: number) {
    return [
      { key: 'global', intervalMs: 34, burst: 30 },
      { key: `chat:${chatId}`, intervalMs: 60_000, burst: 1 },
      { key: `group:${chatId}`, intervalMs: 60_000, burst: 3 },
    ];
  }

  it('when one replica sent to a chat, then the other replica is told to wait for that chat but not for another chat', async function () {
    const a = createSendPacer({ redis, keyPrefix: prefix, botId: 123456, logger: silentLogger() });
    const b = createSendPacer({ redis, keyPrefix: prefix, botId: 123456, logger: silentLogger() });
    expect(a).to.be.instanceOf(RedisSendPacer);
    expect(await a.acquire(messageBuckets(GROUP))).to.equal(0);
    const wait = await b.acquire(messageBuckets(GROUP));
    expect(wait).to.be.greaterThan(50_000);
    expect(await b.acquire(messageBuckets(GROUP - 1))).to.equal(0);
    // The denied call took nothing: the global bucket was advanced by the two grants only.
    const keys = (await redis.keys(`${prefix}:bot:123456:rate:*`)).sort();
    expect(keys).to.deep.equal(
      [
        `${prefix}:bot:123456:rate:chat:${GROUP - 1}`,
        `${prefix}:bot:123456:rate:chat:${GROUP}`,
        `${prefix}:bot:123456:rate:global`,
        `${prefix}:bot:123456:rate:group:${GROUP - 1}`,
        `${prefix}:bot:123456:rate:group:${GROUP}`,
      ].sort(),
    );
    expect(await redis.pttl(`${prefix}:bot:123456:rate:chat:${GROUP}`)).to.be.within(1, 60_000);
  });

  it('when two queues share a redis, then the second immediate message to the same chat is held by the pacer and both are delivered in turn', async function () {
    const limits = { perChat: { intervalMs: 300, burst: 1 }, perGroup: { intervalMs: 300, burst: 1 }, global: { intervalMs: 1, burst: 100 } };
    const pacerA = new RecordingPacer(createSendPacer({ redis, keyPrefix: prefix, botId: 123456, logger: silentLogger() }));
    const pacerB = new RecordingPacer(createSendPacer({ redis, keyPrefix: prefix, botId: 123456, logger: silentLogger() }));
    const a = new OutboundQueue({ logger: silentLogger(), pacer: pacerA, limits });
    const b = new OutboundQueue({ logger: silentLogger(), pacer: pacerB, limits });
    const delivered: string[] = [];
    await a.enqueue('sendMessage', { chat_id: GROUP }, () => Promise.resolve(delivered.push('a')));
    await b.enqueue('sendMessage', { chat_id: GROUP }, () => Promise.resolve(delivered.push('b')));
    expect(delivered).to.deep.equal(['a', 'b']);
    expect(pacerA.decisions.map((d) => d.waitMs)).to.deep.equal([0]);
    expect(pacerB.decisions[0]?.waitMs).to.be.greaterThan(0);
    expect(pacerB.decisions.at(-1)?.waitMs).to.equal(0);
    await Promise.all([a.close(100), b.close(100)]);
  });

  it('when redis is unreachable, then pacing falls back to this process and the outage is logged once', async function () {
    const { logger, lines } = capturedLogger();
    const down = createRedisClient(`redis://127.0.0.1:${await freePort()}`, { logger, name: 'bot-test-down', reconnectMaxDelayMs: 50 });
    try {
      const pacer = createSendPacer({ redis: down, keyPrefix: prefix, botId: 123456, logger });
      expect(await pacer.acquire(messageBuckets(GROUP))).to.equal(0);
      expect(await pacer.acquire(messageBuckets(GROUP))).to.be.greaterThan(0);
      expect(await pacer.acquire(messageBuckets(GROUP - 1))).to.equal(0);
      expect(lines.filter((l) => l.message.startsWith('redis unavailable for outbound pacing'))).to.have.length(1);
    } finally {
      await closeRedis(down);
    }
  });
});
