import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { Telegraf } from 'telegraf';
import { startFakeTelegram, type FakeTelegram } from '../../sandbox/telegram/index.js';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { closeRedis } from '../../shared/redis/index.js';
import { silentLogger } from '../../shared/logger.js';
import { connectedRedis, eventually, rejectionOf } from '../outbound/outbound.test-support.js';
import { startPolling } from './bot-mode.js';
import { PollingLock, PollingLockHeldError } from './polling-lock.js';

describe('polling lock', function () {
  let redis: Redis;
  let prefix: string;
  let fake: FakeTelegram;
  const locks: PollingLock[] = [];

  function lock(token: string, opts: Partial<ConstructorParameters<typeof PollingLock>[0]> = {}): PollingLock {
    const l = new PollingLock({ redis, keyPrefix: prefix, token, logger: silentLogger(), ...opts });
    locks.push(l);
    return l;
  }

  before(async function () {
    redis = await connectedRedis((await testEnv.redis()).url, silentLogger());
  });

  beforeEach(async function () {
    prefix = uniqueName('botplatform');
    fake = await startFakeTelegram();
  });

  afterEach(async function () {
    await Promise.all(locks.splice(0).map((l) => l.release()));
    await fake.stop();
  });

  after(async function () {
    await closeRedis(redis);
  });

  it('when an instance holds the lock, then a second one on the same token is refused with a clear error until the first releases', async function () {
    const first = lock(fake.token);
    const second = lock(fake.token);
    await first.acquire();
    const err = await rejectionOf(second.acquire());
    expect(err).to.be.instanceOf(PollingLockHeldError);
    expect(err.message).to.include('another instance is already polling this bot token');
    expect(err.message).to.include(first.owner);
    await first.release();
    await second.acquire();
    expect(second.isHeld()).to.equal(true);
    await lock(`${fake.token}x`).acquire();
  });

  it('when the lock is stored, then neither its key nor its value contains the token', async function () {
    const l = lock(fake.token);
    await l.acquire();
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys).to.deep.equal([l.key]);
    expect(l.key).to.not.include(fake.token);
    expect(l.key).to.not.include(fake.token.split(':')[1] ?? fake.token);
    expect(await redis.get(l.key)).to.equal(l.owner);
    expect(l.owner).to.not.include(fake.token);
  });

  it('when the lock is renewed, then it outlives its ttl, and once another owner took it the holder is told it was lost', async function () {
    let lost = 0;
    // A lease is real time: only an event-loop stall longer than ttl minus one renewal
    // interval (here 950 ms) may lose it, so a loaded machine does not.
    const l = lock(fake.token, { ttlMs: 1_000, renewEveryMs: 50, onLost: () => (lost += 1) });
    await l.acquire();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await redis.get(l.key)).to.equal(l.owner);
    await redis.set(l.key, 'someone-else', 'PX', 10_000);
    await eventually('the holder noticed the takeover', () => lost === 1);
    expect(l.isHeld()).to.equal(false);
    await l.release();
    // Releasing a lost lock leaves the new owner's lease alone.
    expect(await redis.get(l.key)).to.equal('someone-else');
  });

  it('when polling starts, then it takes the lock, drops the webhook, polls with chat_member allowed, and a second poller on the token is refused', async function () {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    const seen: number[] = [];
    bot.on('message', (ctx) => void seen.push(ctx.message.message_id));
    const first = lock(fake.token);
    const run = await startPolling({ bot, lock: first, logger: silentLogger() });
    try {
      expect(first.isHeld()).to.equal(true);
      expect(fake.calls.of('deleteWebhook')).to.have.length.greaterThan(0);
      const owner = fake.state.addUser({ id: 9_100_001, first_name: 'Olga' });
      fake.state.addChat({ id: -1_000_000_009_100, type: 'supergroup', title: 'G', creator: owner });
      fake.enqueueUpdate(fake.updates.textMessage({ chat: -1_000_000_009_100, from: owner, text: 'hi' }));
      await eventually('the polled update was handled', () => seen.length === 1);
      const polls = fake.calls.of('getUpdates');
      expect(polls[0]?.params['allowed_updates']).to.include.members(['chat_member', 'my_chat_member', 'message']);

      const other = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
      const deletesBefore = fake.calls.of('deleteWebhook').length;
      const err = await rejectionOf(startPolling({ bot: other, lock: lock(fake.token), logger: silentLogger() }));
      expect(err).to.be.instanceOf(PollingLockHeldError);
      expect(fake.calls.of('deleteWebhook')).to.have.length(deletesBefore);
    } finally {
      await run.stop();
    }
    expect(await redis.exists(first.key)).to.equal(0);
  });

  it('when the lock is lost while polling, then polling stops and the owner is told', async function () {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    const l = lock(fake.token, { ttlMs: 300, renewEveryMs: 50 });
    let stopped = false;
    const run = await startPolling({ bot, lock: l, logger: silentLogger(), onStopped: () => (stopped = true) });
    await redis.set(l.key, 'someone-else', 'PX', 10_000);
    await eventually('polling stopped', () => stopped, 5_000);
    await run.done;
    expect(await redis.get(l.key)).to.equal('someone-else');
  });
});
