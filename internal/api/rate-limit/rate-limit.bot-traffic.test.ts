import { expect } from 'chai';
import { metricValue } from '../../cache/cache.test-support.js';
import type { ApiClient } from '../../connect/api-client.js';
import { restApiClient } from '../../connect/api.rest.js';
import { RestTransport } from '../../connect/rest-transport.js';
import { parseEnv, platformEnvSchema } from '../../shared/config.js';
import { AppError } from '../../shared/errors.js';
import { uniqueName } from '../../../test/harness/env.js';
import { rateLimitsFromEnv, takeToken, type BucketLimit, type BucketState } from './index.js';
import { ADMIN_KEY, BOT_KEY, manualClock, startLimitedApi } from './rate-limit.test-support.js';

/*
 * The api calls the platform bot makes under bench/bot.ts's load, all under its one `bot`
 * key: 500 members in 10 groups, every member speaking in every 2 s window. Per window the
 * bot's activity recorder flushes one call per member who spoke, all at once; in the first
 * window it also looks up each group once and records each member once (member tracking
 * remembers them for hours); its group config (settings and rules) is re-read every 10 s.
 * Nothing else reaches the api for plain messages (automod asks only about offenders).
 */
const GROUPS = Array.from({ length: 10 }, (_, i) => -1_001_000_000_000 - i);
const MEMBERS = Array.from({ length: 500 }, (_, i) => ({ userId: 5_000_000 + i, groupId: GROUPS[i % GROUPS.length] ?? -1 }));
const WINDOW_MS = 2_000;
const WINDOWS = 6; // 12 s: the first window's burst, then the steady state with one config re-read

type BotCall = (api: ApiClient) => Promise<unknown>;

function botWindow(w: number): BotCall[] {
  const calls: BotCall[] = [];
  if (w === 0) {
    for (const g of GROUPS) calls.push((api) => api.getGroup(g));
    for (const m of MEMBERS)
      calls.push((api) => api.upsertUser(m.groupId, m.userId, { first_name: `U${m.userId}`, username: `user_${m.userId}`, is_active: true }));
  }
  if ((w * WINDOW_MS) % 10_000 === 0)
    for (const g of GROUPS)
      calls.push(
        (api) => api.getSettings(g),
        (api) => api.listRules(g),
      );
  for (const m of MEMBERS) calls.push((api) => api.recordActivity(m.groupId, { messages: 3, user_id: m.userId }));
  return calls;
}

/** Runs the jobs at most `width` at a time and returns each one's failure, if any. */
async function pool(jobs: (() => Promise<unknown>)[], width: number): Promise<unknown[]> {
  const failures: unknown[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        await job?.().catch((err: unknown) => failures.push(err));
      }
    }),
  );
  return failures;
}

const defaults = rateLimitsFromEnv(parseEnv(platformEnvSchema, {}));

describe('api/rate-limit under the bot bench traffic', () => {
  it('when the default service limit meets three times the bench traffic on one key, then no call is refused', () => {
    const service = defaults.service as BucketLimit;
    expect(service).to.not.equal(undefined);
    let state: BucketState | undefined;
    let refused = 0;
    let lowest = service.burst;
    // Every call of a window at the same instant: the worst case for a bucket.
    for (let w = 0; w < 60; w++) {
      const calls = 3 * botWindow(w).length;
      for (let i = 0; i < calls; i++) {
        const step = takeToken(state, service, w * WINDOW_MS);
        state = step.state;
        if (!step.result.allowed) refused++;
        lowest = Math.min(lowest, step.result.remaining);
      }
    }
    expect(refused).to.equal(0);
    expect(lowest).to.be.greaterThan(0);
  });

  it('when the bot bench traffic comes over HTTP under the bot key with the default limits, then it sees no 429', async () => {
    // The clock moves only between windows, so each window's calls land at one instant
    // however fast this machine serves them: the result cannot depend on its speed.
    const clock = manualClock();
    const api = await startLimitedApi({ limits: defaults, prefix: uniqueName('rl-bot'), now: clock.now });
    try {
      for (const g of GROUPS) expect((await api.call(ADMIN_KEY, 'POST', '/groups', { group_id: g, name: `Bench ${g}` })).status).to.equal(201);
      const bot = restApiClient(new RestTransport({ baseUrl: () => api.url, apiKey: BOT_KEY, retries: 0 }));
      let calls = 0;
      const failures: unknown[] = [];
      for (let w = 0; w < WINDOWS; w++) {
        const window = botWindow(w);
        calls += window.length;
        failures.push(
          ...(await pool(
            window.map((call) => () => call(bot)),
            50,
          )),
        );
        clock.advance(WINDOW_MS);
      }
      // Window 0: groups, members, config and activity; then activity, with config again at 10 s.
      expect(calls).to.equal(10 + 500 + 20 + 500 + 4 * 500 + (20 + 500));
      expect(failures.map((e) => (e instanceof AppError ? e.code : String(e)))).to.deep.equal([]);
      expect(await metricValue(api.registry, 'api_rate_limited_total', { principal_kind: 'service' })).to.equal(0);
      expect(await metricValue(api.registry, 'http_requests_total', { status: '429' })).to.equal(0);
    } finally {
      await api.close();
    }
  });
});
