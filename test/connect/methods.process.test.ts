import { expect } from 'chai';
import { Redis } from 'ioredis';
import { healthKey, type PlatformRef } from '../../internal/connect/connection-keys.js';
import type { Method } from '../../internal/connect/connections.schema.js';
import { testEnv, tempFile } from '../harness/env.js';
import { freePort, within } from '../harness/process.js';
import { publishApiConnection, startApiWithGroup, SWITCH_MS, WEB_KEY, webGroup } from './api-with-group.js';
import { startService, type ServiceProcess } from './service-process.js';

/** The api and web as two real processes sharing FerretDB and Redis; web calls the api. */
describe('connection methods between real processes', function () {
  this.timeout(120_000);
  let redis: Redis;
  let mongoUri: string;
  let redisUrl: string;
  let api: ServiceProcess | undefined;
  let web: ServiceProcess | undefined;
  let platform: PlatformRef;
  let groupId: number;
  let env: Record<string, string>;

  const publish = (method: Method) => publishApiConnection(redis, platform, { method, url: method === 'rest' || method === 'hybrid' ? api?.url : null });
  const getGroup = () => webGroup(web, groupId);
  const served = (side: 'rest' | 'in-process') => web?.metric('connect_served_total', { callee: 'api', side }) ?? Promise.resolve(0);

  before(async () => {
    mongoUri = (await testEnv.mongo()).uri;
    redisUrl = (await testEnv.redis()).url;
    redis = new Redis(redisUrl);
  });
  beforeEach(async () => {
    ({ api, platform, groupId, env } = await startApiWithGroup({ redis, redisUrl, mongoUri, groupName: 'Connected' }));
    web = await startService('web', { ...env, MONGODB_URI: mongoUri, API_KEY: WEB_KEY, API_METHOD: 'rest', API_URL: api.url });
  });
  afterEach(async () => {
    await web?.stop();
    await api?.stop();
  });
  after(() => redis?.quit());

  it('when the method goes rest -> hybrid -> disabled -> rest in Redis, then the next calls take each path live, with no restart', async () => {
    await publish('rest');
    expect((await getGroup()).body.data?.name).to.equal('Connected');
    expect(await served('rest')).to.equal(1);

    await publish('hybrid');
    await within(SWITCH_MS, async () => (await getGroup()).status === 200 && (await served('in-process')) > 0);

    await publish('disabled');
    await within(SWITCH_MS, async () => (await getGroup()).status === 503);
    const off = await getGroup();
    expect(off.body.error?.code).to.equal('SERVICE_DISABLED');
    expect(off.body.error?.message).to.include('switched off by the platform admin');

    await publish('rest');
    const restBefore = await served('rest');
    await within(SWITCH_MS, async () => (await getGroup()).status === 200);
    expect(await served('rest')).to.be.greaterThan(restBefore);
    expect(await web?.metric('connect_config_changes_total')).to.be.at.least(4);
    const view = (await (await fetch(`${web?.url}/connections`)).json()) as { services: { api: { method: string; source: string } } };
    expect(view.services.api).to.include({ method: 'rest', source: 'redis' });
  });

  it('when hybrid and the api process stops, then web keeps answering in-process; in rest it says the api is unavailable', async () => {
    await publish('hybrid');
    await within(SWITCH_MS, async () => (await getGroup()).status === 200 && (await served('in-process')) > 0);
    await api?.stop();
    // Graceful stop removes the api's health key, so hybrid never waits on the dead REST side.
    expect(await redis.exists(healthKey(platform, 'api'))).to.equal(0);
    for (let i = 0; i < 5; i++) expect((await getGroup()).status).to.equal(200);
    await publish('rest');
    await within(SWITCH_MS, async () => (await getGroup()).status === 503);
    expect((await getGroup()).body.error?.code).to.equal('DEPENDENCY_UNAVAILABLE');
  });

  it('when Redis is absent, then the mounted file decides, and env fills in the rest', async () => {
    await web?.stop();
    const file = tempFile(
      'connections.json',
      JSON.stringify({ platform: 'bots/x', generation: 1, hash: 'sha256:file', services: { api: { method: 'disabled' } } }),
    );
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    web = await startService('web', {
      MONGODB_URI: mongoUri,
      MONGODB_DB: platform.name.replace(/-/g, '_'),
      REDIS_URL: deadRedis,
      BOTPLATFORM_NAME: platform.name,
      API_KEYS: env.API_KEYS,
      API_KEY: WEB_KEY,
      API_URL: api?.url,
      CONNECTIONS_FILE: file,
    });
    const res = await getGroup();
    expect(res.status).to.equal(503);
    expect(res.body.error?.code).to.equal('SERVICE_DISABLED');
    const view = (await (await fetch(`${web.url}/connections`)).json()) as {
      hash: string;
      redis: string;
      services: { api: { method: string; source: string }; bot: { source: string } };
    };
    expect(view.services.api).to.include({ method: 'disabled', source: 'file' });
    expect(view.services.bot.source).to.equal('env');
    expect(view.redis).to.equal('down');
  });

  it('when web starts with the api as router, then every call is served in-process', async () => {
    await web?.stop();
    web = await startService('web', {
      MONGODB_URI: mongoUri,
      MONGODB_DB: platform.name.replace(/-/g, '_'),
      API_KEYS: env.API_KEYS,
      API_METHOD: 'router',
      CONNECTIONS_FILE: '/nonexistent/connections.json',
    });
    expect((await getGroup()).body.data?.name).to.equal('Connected');
    expect(await served('in-process')).to.equal(1);
    expect(await served('rest')).to.equal(0);
  });
});
