import { expect } from 'chai';
import { testEnv } from '../../../test/harness/env.js';
import { capturedLogger, eventually, type LogLine } from '../../../test/harness/logs.js';
import { freePort } from '../../../test/harness/process.js';
import type { RedisServer } from '../../../test/harness/redis.js';
import { closeRedis, createRedisClient } from './redis-client.js';
import { RedisHealth } from './redis-health.js';

const warnings = (lines: LogLine[]) => lines.filter((l) => l.level === 'warn');
const infos = (lines: LogLine[]) => lines.filter((l) => l.level === 'info');

/** A gauge and counter that remember what they were told. */
function recordingMetrics() {
  const m = { up: [] as number[], errors: 0 };
  return { m, metrics: { redisUp: { set: (v: number) => void m.up.push(v) }, redisErrors: { inc: () => void (m.errors += 1) } } };
}

describe('shared/redis RedisHealth', function () {
  let server: RedisServer;

  before(async function () {
    server = await testEnv.redis();
  });

  it('when redis stops and starts again, then the outage is logged once, the return once, the gauge follows and the fallback answers meanwhile', async function () {
    const { logger, lines } = capturedLogger();
    const { m, metrics } = recordingMetrics();
    const client = createRedisClient(server.url, { logger, name: 'test-health', reconnectMaxDelayMs: 50 });
    let recovered = 0;
    const health = new RedisHealth({ client, logger, user: 'test state', fallback: 'this process', metrics, onRecovered: () => (recovered += 1) });
    const read = () =>
      health.run(
        async (redis) => `redis:${await redis.ping()}`,
        () => 'fallback',
      );
    try {
      expect(await health.settled(5_000)).to.equal('up');
      expect(await read()).to.equal('redis:PONG');
      expect(infos(lines).map((l) => l.message)).to.deep.equal(['test state connected to redis']);

      await server.stop();
      try {
        const answers = await Promise.all(Array.from({ length: 20 }, read));
        expect(answers).to.deep.equal(Array.from({ length: 20 }, () => 'fallback'));
        await eventually('redis reported down', () => health.current() === 'down', 3_000);
        expect(await Promise.all(Array.from({ length: 20 }, read))).to.deep.equal(Array.from({ length: 20 }, () => 'fallback'));
        expect(warnings(lines).map((l) => l.message)).to.deep.equal(['redis unavailable; test state falls back to this process']);
        expect(m.up.at(-1)).to.equal(0);
      } finally {
        await server.start();
      }

      await eventually('redis reported up again', () => health.current() === 'up', 5_000);
      expect(await read()).to.equal('redis:PONG');
      expect(warnings(lines)).to.have.length(1);
      expect(infos(lines).map((l) => l.message)).to.deep.equal(['test state connected to redis', 'redis is back; test state uses it again']);
      expect(m.up.at(-1)).to.equal(1);
      expect(recovered).to.equal(2); // the first connect, then the return
    } finally {
      health.stop();
      await closeRedis(client);
    }
  });

  it('when redis cannot be reached at start, then settled answers down and a user that cannot wait is on record from its first call', async function () {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const { logger, lines } = capturedLogger();
    const waiting = createRedisClient(url, { logger, name: 'test-health-wait', reconnectMaxDelayMs: 50 });
    const eager = createRedisClient(url, { logger, name: 'test-health-eager', reconnectMaxDelayMs: 50 });
    const patient = new RedisHealth({ client: waiting, logger, user: 'patient', fallback: 'memory' });
    const impatient = new RedisHealth({
      client: eager,
      logger,
      user: 'impatient',
      fallback: 'memory',
      downMessage: 'impatient is down',
      whileConnecting: 'down',
    });
    try {
      expect(
        await impatient.run(
          () => Promise.resolve('redis'),
          () => 'fallback',
        ),
      ).to.equal('fallback');
      expect(impatient.current()).to.equal('down');
      expect(warnings(lines).map((l) => l.message)).to.deep.equal(['impatient is down']);

      expect(
        await patient.run(
          () => Promise.resolve('redis'),
          () => 'fallback',
        ),
      ).to.equal('fallback');
      expect(await patient.settled(5_000)).to.equal('down');
      expect(warnings(lines).map((l) => l.message)).to.deep.equal(['impatient is down', 'redis unavailable; patient falls back to memory']);
    } finally {
      patient.stop();
      impatient.stop();
      await Promise.all([closeRedis(waiting), closeRedis(eager)]);
    }
  });

  it('when commands keep failing on a live connection, then the third failure pauses redis and a later success brings it back', async function () {
    const { logger, lines } = capturedLogger();
    const { m, metrics } = recordingMetrics();
    const client = createRedisClient(server.url, { logger, name: 'test-health-failing' });
    const health = new RedisHealth({ client, logger, user: 'test state', fallback: 'this process', metrics });
    const failing = () =>
      health.run(
        () => Promise.reject(new Error('timeout')),
        () => 'fallback',
      );
    try {
      expect(await health.settled(5_000)).to.equal('up');
      expect([await failing(), await failing()]).to.deep.equal(['fallback', 'fallback']);
      expect(health.current()).to.equal('up');
      await failing();
      expect(health.current()).to.equal('down');
      expect(health.usable()).to.equal(false);
      expect(m.errors).to.equal(3);
      expect(warnings(lines)).to.have.length(1);
      await eventually('the pause is over', () => health.usable(), 3_000);
      expect(
        await health.run(
          () => Promise.resolve('redis'),
          () => 'fallback',
        ),
      ).to.equal('redis');
      expect(health.current()).to.equal('up');
    } finally {
      health.stop();
      await closeRedis(client);
    }
  });
});
