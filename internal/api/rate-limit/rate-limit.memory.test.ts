import { expect } from 'chai';
import { metricValue } from '../../cache/cache.test-support.js';
import { uniqueName } from '../../../test/harness/env.js';
import { ADMIN_KEY, BOT_KEY, manualClock, startLimitedApi, type LimitedApi } from './rate-limit.test-support.js';

const GROUP = -1_003_000_000_001;
const PERSON = 7_000_001;

describe('api/rate-limit on the in-process store', () => {
  const clock = manualClock();
  let api: LimitedApi;
  let token: string;

  before(async () => {
    // People: 1 call/s after a burst of 3. Services: the generous kind.
    api = await startLimitedApi({
      limits: { service: { perSecond: 1000, burst: 5000 }, person: { perSecond: 1, burst: 3 } },
      prefix: uniqueName('rl'),
      now: clock.now,
    });
    expect((await api.call(ADMIN_KEY, 'POST', '/groups', { group_id: GROUP, name: 'Rate limited' })).status).to.equal(201);
    expect((await api.call(ADMIN_KEY, 'PUT', `/groups/${GROUP}/users/${PERSON}`, { first_name: 'Pat', role: 'moderator' })).status).to.be.oneOf([200, 201]);
    token = await api.personToken(PERSON);
  });
  after(() => api.close());

  it('when a person calls past their burst, then they get 429 RATE_LIMITED with Retry-After while a service key is unaffected, and the refusal is counted', async () => {
    const before = await metricValue(api.registry, 'api_rate_limited_total', { principal_kind: 'person' });
    const burst = await Promise.all([1, 2, 3].map(() => api.call(token, 'GET', `/groups/${GROUP}`)));
    expect(burst.map((a) => a.status)).to.deep.equal([200, 200, 200]);

    const refused = await api.call(token, 'GET', `/groups/${GROUP}`);
    expect(refused.status).to.equal(429);
    expect(refused.retryAfter).to.equal('1');
    expect(refused.body.success).to.equal(false);
    expect(refused.body.error?.code).to.equal('RATE_LIMITED');
    expect(refused.body.error?.message).to.match(/too many calls from this person; retry in 1 s/);
    expect(refused.body.error?.details).to.deep.equal([]);
    expect(await metricValue(api.registry, 'api_rate_limited_total', { principal_kind: 'person' })).to.equal(before + 1);

    // The service bucket is its own: a hundred calls pass while the person waits.
    const service = await Promise.all(Array.from({ length: 100 }, () => api.call(BOT_KEY, 'GET', `/groups/${GROUP}`)));
    expect(service.filter((a) => a.status !== 200)).to.deep.equal([]);
    expect(await metricValue(api.registry, 'api_rate_limited_total', { principal_kind: 'service' })).to.equal(0);

    // One second refills one token: one call passes, the next is refused again.
    clock.advance(1_000);
    expect((await api.call(token, 'GET', `/groups/${GROUP}`)).status).to.equal(200);
    expect((await api.call(token, 'GET', `/groups/${GROUP}`)).status).to.equal(429);
    expect(await metricValue(api.registry, 'api_rate_limited_total', { principal_kind: 'person' })).to.equal(before + 2);
  });

  it('when two people call, then each has a bucket of their own', async () => {
    clock.advance(60_000);
    const other = await api.personToken(PERSON + 1);
    const first = await Promise.all([1, 2, 3, 4].map(() => api.call(token, 'GET', `/groups/${GROUP}`)));
    const second = await Promise.all([1, 2, 3].map(() => api.call(other, 'GET', `/groups/${GROUP}`)));
    expect(first.map((a) => a.status).sort()).to.deep.equal([200, 200, 200, 429]);
    // Not a member: refused by permission (403), not by the rate limit.
    expect(second.map((a) => a.status)).to.deep.equal([403, 403, 403]);
  });

  it('when a person is refused for lack of permission, then those calls still spend tokens: the limit runs before any permission lookup', async () => {
    clock.advance(60_000);
    const other = await api.personToken(PERSON + 2);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api.call(other, 'GET', `/groups/${GROUP}`));
    expect(answers.map((a) => a.status)).to.deep.equal([403, 403, 403, 429]);
  });

  it('when the caller has no valid credentials, then it is a 401 and no bucket is touched', async () => {
    const answer = await api.call('not-a-key-at-all-0000000000', 'GET', `/groups/${GROUP}`);
    expect(answer.status).to.equal(401);
    expect(answer.retryAfter).to.equal(null);
  });

  it('when a kind of caller has no limit, then its calls are never refused', async () => {
    const open = await startLimitedApi({ limits: { service: undefined, person: { perSecond: 1, burst: 1 } }, prefix: uniqueName('rl'), now: clock.now });
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, () => open.call(ADMIN_KEY, 'GET', '/groups')));
      expect(answers.filter((a) => a.status !== 200)).to.deep.equal([]);
      expect(open.rateLimit.status()).to.deep.equal({ service: 'off', person: { perSecond: 1, burst: 1 }, store: { mode: 'memory', redis: 'disabled' } });
    } finally {
      await open.close();
    }
  });
});
