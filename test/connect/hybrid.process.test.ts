import { expect } from 'chai';
import { Redis } from 'ioredis';
import { healthKey, type PlatformRef } from '../../internal/connect/connection-keys.js';
import { testEnv } from '../harness/env.js';
import { within } from '../harness/process.js';
import { ADMIN_KEY, publishApiConnection, startApiWithGroup, SWITCH_MS, WEB_KEY, webGroup } from './api-with-group.js';
import { startService, type ServiceProcess } from './service-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/**
 * web in hybrid for the api: it hosts the api in-process (its own connection to the shared
 * store, through a relay the test can cut) and reaches the api process over REST.
 */
describe('hybrid connection between real processes', function () {
  this.timeout(120_000);
  let redis: Redis;
  let mongoUri: string;
  let redisUrl: string;
  let api: ServiceProcess | undefined;
  let web: ServiceProcess | undefined;
  let proxy: TcpProxy | undefined;
  let platform: PlatformRef;
  let groupId: number;

  const getGroup = () => webGroup(web, groupId);
  const metric = (name: string, labels: Record<string, string> = {}) => web?.metric(name, { callee: 'api', ...labels }) ?? Promise.resolve(0);
  const served = (side: 'rest' | 'in-process') => metric('connect_served_total', { side });
  /** Calls until `check` holds; every answer on the way must be a 200 with the group. */
  const answeringUntil = async (ms: number, check: () => Promise<boolean>) => {
    const statuses: number[] = [];
    await within(ms, async () => {
      const res = await getGroup();
      statuses.push(res.status);
      expect(res.body.data?.name, `answer ${statuses.length}: ${JSON.stringify(res.body)}`).to.equal('Hybrid');
      return check();
    });
    return statuses;
  };

  before(async () => {
    mongoUri = (await testEnv.mongo()).uri;
    redisUrl = (await testEnv.redis()).url;
    redis = new Redis(redisUrl);
  });
  beforeEach(async () => {
    let env: Record<string, string>;
    ({ api, platform, groupId, env } = await startApiWithGroup({ redis, redisUrl, mongoUri, groupName: 'Hybrid' }));
    const target = new URL(mongoUri);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 27017));
    target.port = String(proxy.port);
    web = await startService('web', { ...env, MONGODB_URI: target.toString(), API_KEY: WEB_KEY, API_METHOD: 'rest', API_URL: api.url });
    await publishApiConnection(redis, platform, { method: 'hybrid', url: api.url });
    await within(SWITCH_MS, async () => (await getGroup()).status === 200 && (await served('in-process')) > 0);
  });
  afterEach(async () => {
    await web?.stop();
    await api?.stop();
    await proxy?.close();
  });
  after(() => redis?.quit());

  it("when web's in-process side loses its store, then the same calls go over REST and keep answering, and come back in-process once it returns", async () => {
    const restBefore = await served('rest');
    const fallbacksBefore = await metric('connect_fallbacks_total');
    await proxy?.cut();
    // The group is cached, so the in-process side may still serve it until web's store
    // probe marks it unhealthy; from then on the very same call is served over REST.
    await answeringUntil(15_000, async () => (await served('rest')) > restBefore);
    expect(await metric('connect_fallbacks_total')).to.be.greaterThan(fallbacksBefore);
    // A call the cache cannot answer needs the store: REST serves it too.
    const list = await fetch(`${web?.url}/web/v1/groups?limit=5`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(list.status).to.equal(200);
    const restNow = await served('rest');
    for (let i = 0; i < 3; i++) expect((await getGroup()).body.data?.name).to.equal('Hybrid');
    expect(await served('rest')).to.equal(restNow + 3);
    expect(await metric('connect_breaker_open', { side: 'rest' })).to.equal(0);

    await proxy?.restore();
    const localBack = await served('in-process');
    await answeringUntil(15_000, async () => (await served('in-process')) > localBack);
  });

  it('when the api process dies, then web keeps answering in-process, and once REST is tried its breaker opens and stops the retries', async () => {
    // A crash, not a drain: the api's health key stays until its TTL, so peers still
    // believe the REST side is up and only the breaker can spare them the dead calls.
    api?.proc.child.kill('SIGKILL');
    await api?.stop();
    api = undefined;
    expect(await redis.exists(healthKey(platform, 'api'))).to.equal(1);
    const restBefore = await served('rest');
    const localBefore = await served('in-process');
    for (let i = 0; i < 5; i++) expect((await getGroup()).body.data?.name).to.equal('Hybrid');
    expect(await served('in-process')).to.equal(localBefore + 5);

    // Now the in-process side turns unhealthy too: REST is tried, fails, and its breaker
    // opens; the cached group is still answered in-process as the last resort.
    await proxy?.cut();
    await answeringUntil(15_000, async () => (await metric('connect_breaker_open', { side: 'rest' })) === 1);
    const fallbacks = await metric('connect_fallbacks_total');
    const local = await served('in-process');
    for (let i = 0; i < 5; i++) expect((await getGroup()).body.data?.name).to.equal('Hybrid');
    expect(await metric('connect_fallbacks_total')).to.equal(fallbacks);
    expect(await served('in-process')).to.equal(local + 5);
    expect(await served('rest')).to.equal(restBefore);
  });
});
