import { expect } from 'chai';
import { Redis } from 'ioredis';
import { connectionsChannel, connectionsHashKey, healthKey, type PlatformRef } from '../../internal/connect/connection-keys.js';
import { testEnv, uniqueName } from '../harness/env.js';
import { within } from '../harness/process.js';
import { startService, type ServiceProcess } from './service-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

// DESIGN.md section 5 wants a switch live within a second; that is a latency goal, not
// something to time here (a loaded machine would fail it). This only bounds a hang.
const SWITCH_MS = 10_000;

const ADMIN = 'admin-key-for-hybrid-tests-0000';
const WEB_KEY = 'web-key-for-hybrid-tests-000000';
const KEYS = `admin:${ADMIN},web:${WEB_KEY}`;

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

  const getGroup = async () => {
    const res = await fetch(`${web?.url}/web/v1/groups/${groupId}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    return { status: res.status, body: (await res.json()) as { success: boolean; data?: { name: string }; error?: { code: string } } };
  };
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
    platform = { prefix: 'botplatform', namespace: 'bots', name: uniqueName('hy') };
    const shared = { MONGODB_DB: platform.name.replace(/-/g, '_'), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: platform.prefix, BOTPLATFORM_NAMESPACE: platform.namespace, BOTPLATFORM_NAME: platform.name, API_KEYS: KEYS };
    api = await startService('api', { ...shared, MONGODB_URI: mongoUri });
    groupId = -1006000000000 - Math.floor(Math.random() * 1e6);
    const created = await fetch(`${api.url}/api/v2/groups`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ group_id: groupId, name: 'Hybrid' }) });
    expect(created.status).to.equal(201);
    await within(5000, async () => (await redis.exists(healthKey(platform, 'api'))) === 1);
    const target = new URL(mongoUri);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 27017));
    target.port = String(proxy.port);
    web = await startService('web', { ...shared, MONGODB_URI: target.toString(), API_KEY: WEB_KEY, API_METHOD: 'rest', API_URL: api.url });
    const hash = `sha256:hybrid-${Date.now()}`;
    await redis.hset(connectionsHashKey(platform), { api: JSON.stringify({ method: 'hybrid', url: api.url }), _meta: JSON.stringify({ hash, generation: 1 }) });
    await redis.publish(connectionsChannel(platform), hash);
    await within(SWITCH_MS, async () => (await getGroup()).status === 200 && (await served('in-process')) > 0);
  });
  afterEach(async () => {
    await web?.stop();
    await api?.stop();
    await proxy?.close();
  });
  after(() => redis?.quit());

  it('when web\'s in-process side loses its store, then the same calls go over REST and keep answering, and come back in-process once it returns', async () => {
    const restBefore = await served('rest');
    const fallbacksBefore = await metric('connect_fallbacks_total');
    await proxy?.cut();
    // The group is cached, so the in-process side may still serve it until web's store
    // probe marks it unhealthy; from then on the very same call is served over REST.
    await answeringUntil(15_000, async () => (await served('rest')) > restBefore);
    expect(await metric('connect_fallbacks_total')).to.be.greaterThan(fallbacksBefore);
    // A call the cache cannot answer needs the store: REST serves it too.
    const list = await fetch(`${web?.url}/web/v1/groups?limit=5`, { headers: { authorization: `Bearer ${ADMIN}` } });
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
