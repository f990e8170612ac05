import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { eventually, metricValue, rawRedis } from '../../cache/cache.test-support.js';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { freePort } from '../../../test/harness/process.js';
import type { RedisServer } from '../../../test/harness/redis.js';
import { parseEnv, platformEnvSchema } from '../../shared/config.js';
import { Health } from '../../shared/health.js';
import { silentLogger } from '../../shared/logger.js';
import { createRegistry } from '../../shared/metrics.js';
import { startApiRuntime } from '../runtime.js';
import { ADMIN_KEY, BOT_KEY, startLimitedApi, type LimitedApi } from './rate-limit.test-support.js';
import type { RateLimits } from './index.js';

// So slow a refill that no token comes back during a test: the counts below are exact.
const limits: RateLimits = { service: { perSecond: 0.01, burst: 5 }, person: { perSecond: 0.01, burst: 3 } };

describe('api/rate-limit shared through redis', function () {
  let server: RedisServer;
  let raw: Redis;
  let prefix: string;
  const started: LimitedApi[] = [];

  async function replica(): Promise<LimitedApi> {
    const api = await startLimitedApi({ limits, prefix, redisUrl: server.url });
    started.push(api);
    expect(api.rateLimit.status().store).to.deep.equal({ mode: 'redis', redis: 'up' });
    return api;
  }

  before(async () => {
    server = await testEnv.redis();
    raw = rawRedis(server.url);
  });
  beforeEach(() => {
    prefix = uniqueName('rl');
  });
  afterEach(() => Promise.all(started.splice(0).map((api) => api.close())));
  after(() => raw.disconnect());

  it('when two replicas serve one service key, then they draw from one bucket and both refuse once it is spent', async () => {
    const [a, b] = [await replica(), await replica()];
    const fromA = await Promise.all([1, 2, 3].map(() => a.call(ADMIN_KEY, 'GET', '/groups')));
    const fromB = await Promise.all([1, 2].map(() => b.call(ADMIN_KEY, 'GET', '/groups')));
    expect([...fromA, ...fromB].map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200]);

    const refusedA = await a.call(ADMIN_KEY, 'GET', '/groups');
    const refusedB = await b.call(ADMIN_KEY, 'GET', '/groups');
    for (const refused of [refusedA, refusedB]) {
      expect(refused.status).to.equal(429);
      expect(refused.body.error?.code).to.equal('RATE_LIMITED');
      // 0.01 tokens/s: the next one is 100 s away.
      expect(refused.retryAfter).to.equal('100');
    }
    // Another key has its own bucket, in Redis too.
    expect((await b.call(BOT_KEY, 'GET', '/groups')).status).to.equal(200);
    expect(Number(await raw.hget(`${prefix}:ratelimit:svc:admin`, 'tokens'))).to.be.lessThan(1);
    expect(Number(await raw.pttl(`${prefix}:ratelimit:svc:admin`))).to.be.greaterThan(0);
    expect(await metricValue(a.registry, 'api_rate_limited_total', { principal_kind: 'service' })).to.equal(1);
    expect(await metricValue(b.registry, 'api_rate_limited_total', { principal_kind: 'service' })).to.equal(1);
  });

  it('when a person calls both replicas, then their one bucket is shared too', async () => {
    const [a, b] = [await replica(), await replica()];
    const token = await a.personToken(7_100_001);
    // Not a member of any group: GET /groups is services-only, a 403 that still spends a token.
    const answers = [
      await a.call(token, 'GET', '/groups'),
      await b.call(token, 'GET', '/groups'),
      await a.call(token, 'GET', '/groups'),
      await b.call(token, 'GET', '/groups'),
    ];
    expect(answers.map((r) => r.status)).to.deep.equal([403, 403, 403, 429]);
    expect(await raw.exists(`${prefix}:ratelimit:person:7100001`)).to.equal(1);
  });

  it('when redis stops, then each replica keeps answering from its own buckets with one warning, and shares again once redis is back', async () => {
    const a = await replica();
    const spent = await Promise.all(Array.from({ length: 6 }, () => a.call(ADMIN_KEY, 'GET', '/groups')));
    expect(spent.map((r) => r.status).sort()).to.deep.equal([200, 200, 200, 200, 200, 429]);

    await server.stop();
    try {
      await eventually('the rate limit sees redis down', () => a.rateLimit.status().store.redis === 'down', 3_000);
      expect(await metricValue(a.registry, 'api_rate_limit_redis_up')).to.equal(0);
      // A fresh in-process bucket: the outage costs precision (per replica), never availability.
      const during = await Promise.all(Array.from({ length: 20 }, () => a.call(ADMIN_KEY, 'GET', '/groups')));
      expect(during.map((r) => r.status).filter((s) => s !== 200 && s !== 429)).to.deep.equal([]);
      expect(during.filter((r) => r.status === 200)).to.have.length(5);
      const warnings = a.lines.filter((l) => l.level === 'warn');
      expect(warnings).to.have.length(1);
      expect(warnings[0]?.message).to.equal('redis unavailable; api rate limit falls back to per-replica buckets');
    } finally {
      await server.start();
    }

    await eventually('the rate limit uses redis again', () => a.rateLimit.status().store.redis === 'up', 5_000);
    expect(await metricValue(a.registry, 'api_rate_limit_redis_up')).to.equal(1);
    expect(a.lines.filter((l) => l.level === 'info' && l.message === 'redis is back; api rate limit uses it again')).to.have.length(1);
    // The restarted server kept nothing: the bucket starts full, in Redis.
    expect((await a.call(ADMIN_KEY, 'GET', '/groups')).status).to.equal(200);
    expect(await raw.hget(`${prefix}:ratelimit:svc:admin`, 'tokens')).to.equal('4');
    expect(a.lines.filter((l) => l.level === 'warn')).to.have.length(1);
  });

  it('when redis is unreachable from the start, then the replica limits in process with one warning', async () => {
    const api = await startLimitedApi({ limits, prefix, redisUrl: `redis://127.0.0.1:${await freePort()}` });
    started.push(api);
    expect(api.rateLimit.status().store).to.deep.equal({ mode: 'redis', redis: 'down' });
    const answers = await Promise.all(Array.from({ length: 7 }, () => api.call(ADMIN_KEY, 'GET', '/groups')));
    expect(answers.map((r) => r.status).sort()).to.deep.equal([200, 200, 200, 200, 200, 429, 429]);
    expect(api.lines.filter((l) => l.level === 'warn')).to.have.length(1);
  });

  it('when the api runtime is asked for its rate limit, then it is built once from API_RATE_* with its buckets in REDIS_URL, and reported in status', async () => {
    const env = parseEnv(platformEnvSchema, { REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, API_RATE_PERSON_PER_S: '0', API_RATE_SERVICE_BURST: '2000' });
    const runtime = await startApiRuntime(env, { logger: silentLogger(), registry: createRegistry(), health: new Health() });
    try {
      // Bot and web host this runtime in-process and never ask: no rate limit, no connection.
      expect(await runtime.status()).to.not.have.property('rate_limit');
      const rateLimit = runtime.rateLimit();
      expect(runtime.rateLimit()).to.equal(rateLimit);
      const expected = { service: { perSecond: 1000, burst: 2000 }, person: 'off', store: { mode: 'redis', redis: 'up' } };
      expect(await rateLimit.ready()).to.deep.equal(expected);
      expect((await runtime.status()).rate_limit).to.deep.equal(expected);
    } finally {
      await runtime.close();
    }
  });

  it('when both kinds of caller are unlimited, then no redis connection is opened for the rate limit', async () => {
    const api = await startLimitedApi({ limits: { service: undefined, person: undefined }, prefix, redisUrl: server.url });
    started.push(api);
    expect(api.rateLimit.status().store).to.deep.equal({ mode: 'memory', redis: 'disabled' });
    expect((await api.call(ADMIN_KEY, 'GET', '/groups')).status).to.equal(200);
  });
});
