import { expect } from 'chai';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { capturedLogger, eventually } from '../../../test/harness/logs.js';
import { freePort } from '../../../test/harness/process.js';
import { silentLogger } from '../logger.js';
import { closeRedis, createRedisClient, createRedisSubscriber, reconnectDelay, redisTarget } from './redis-client.js';

describe('shared/redis client factory', function () {
  it('when a url carries credentials, then the logged target has none', function () {
    expect(redisTarget('redis://user:p4ss@redis.bots.svc:6380/2')).to.equal('redis://redis.bots.svc:6380/2');
    expect(redisTarget('rediss://:p4ss@redis.example.com')).to.equal('rediss://redis.example.com:6379');
    expect(redisTarget('not a url')).to.equal('(unparsable redis url)');
  });

  it('when reconnecting, then the delay grows, is capped and never gives up', function () {
    expect([1, 2, 3, 4].map((n) => reconnectDelay(n, 2_000))).to.deep.equal([100, 200, 400, 800]);
    expect(reconnectDelay(10, 2_000)).to.equal(2_000);
    expect(reconnectDelay(1_000_000, 2_000)).to.equal(2_000);
  });

  it('when redis is unreachable, then commands fail at once instead of queueing, and errors are not printed', async function () {
    const port = await freePort();
    const { logger, lines } = capturedLogger();
    const client = createRedisClient(`redis://:s3cret@127.0.0.1:${port}`, { logger, name: 'test', reconnectMaxDelayMs: 50 });
    try {
      await eventually('a connection attempt failed', () => client.status === 'reconnecting' || client.status === 'connecting', 2_000);
      const outcome = await client.get('k').then(
        () => 'answered',
        (err: Error) => err.message,
      );
      expect(outcome).to.match(/enableOfflineQueue|Stream isn't writeable|Connection is closed/);
      expect(lines.filter((l) => l.level !== 'debug')).to.deep.equal([]);
    } finally {
      await closeRedis(client);
    }
  });

  it('when subscribed, then messages arrive and onSubscribed fires again after a reconnect', async function () {
    const { url } = await testEnv.redis();
    const channel = uniqueName('chan');
    const received: string[] = [];
    let subscriptions = 0;
    const sub = createRedisSubscriber(url, {
      logger: silentLogger(),
      name: 'test-sub',
      channels: [channel],
      onMessage: (_c, m) => received.push(m),
      onSubscribed: () => (subscriptions += 1),
      reconnectMaxDelayMs: 50,
    });
    const pub = createRedisClient(url, { logger: silentLogger(), name: 'test-pub' });
    try {
      await eventually('subscribed', () => sub.isSubscribed(), 3_000);
      await eventually('publisher ready', () => pub.status === 'ready', 3_000);
      await pub.publish(channel, 'one');
      await eventually('first message', () => received.includes('one'), 2_000);

      // Kill the subscriber's connection server-side; it must resubscribe on its own.
      await pub.client('KILL', 'TYPE', 'pubsub');
      await eventually('resubscribed', () => subscriptions === 2 && sub.isSubscribed(), 3_000);
      await pub.publish(channel, 'two');
      await eventually('second message', () => received.includes('two'), 2_000);
    } finally {
      await Promise.all([sub.close(), closeRedis(pub)]);
    }
  });
});
