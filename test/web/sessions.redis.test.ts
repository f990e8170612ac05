import { expect } from 'chai';
import { Redis } from 'ioredis';
import { createServices } from '../../internal/domain/index.js';
import { RedisSessionStore } from '../../internal/web/auth/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { testEnv, uniqueName } from '../harness/env.js';
import { startRedis, type RedisServer } from '../harness/redis.js';
import { Browser, startWeb, widgetPayload, type WebUnderTest } from './web-under-test.js';

const ADA = { id: 4343, first_name: 'Ada' };

/** Two web replicas sharing sessions through real Redis. */
describe('web sessions shared through Redis', function () {
  let redisUrl: string;
  const clients: Redis[] = [];
  const webs: WebUnderTest[] = [];

  const replica = async (url = redisUrl, prefix = uniqueName('web')) => {
    const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    clients.push(client);
    await new Promise((resolve) => client.once('ready', resolve));
    return { client, prefix, store: new RedisSessionStore(client, prefix) };
  };

  before(async () => {
    ({ url: redisUrl } = await testEnv.redis());
  });
  afterEach(async () => {
    await Promise.all(webs.splice(0).map((w) => w.close()));
    clients.splice(0).forEach((c) => c.disconnect());
  });

  async function pair() {
    const { store, prefix, client } = await replica();
    const services = createServices(createMemoryStore());
    const a = await startWeb({ store, services });
    const b = await startWeb({ store: new RedisSessionStore(client, prefix), services });
    webs.push(a, b);
    return { a, b, client, prefix };
  }

  it('when a person signs in on one replica and logs out on the other, then neither accepts the session again', async () => {
    const { a, b } = await pair();
    const onA = await new Browser(a.url).start();
    expect((await onA.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA))).status).to.equal(200);
    const onB = new Browser(b.url);
    for (const [name, c] of onA.cookies) onB.cookies.set(name, c);
    expect((await onB.call('GET', '/web/v1/auth/session')).body.data).to.deep.include({ user_id: ADA.id });
    expect((await onB.call('POST', '/web/v1/auth/logout')).status).to.equal(200);
    const again = await onA.call('GET', '/web/v1/auth/session');
    expect(again.status).to.equal(401);
    expect(again.body.error?.message).to.equal('this session was ended: sign in again');
  });

  it('when two replicas race to rotate one refresh token, then exactly one rotates and the replay ends the session', async () => {
    const { a, b } = await pair();
    const onA = await new Browser(a.url).start();
    await onA.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
    const onB = new Browser(b.url);
    for (const [name, c] of onA.cookies) onB.cookies.set(name, c);
    const [ra, rb] = await Promise.all([onA.call('POST', '/web/v1/auth/refresh'), onB.call('POST', '/web/v1/auth/refresh')]);
    expect([ra.status, rb.status].sort()).to.deep.equal([200, 401]);
    const winner = ra.status === 200 ? onA : onB;
    expect((await winner.call('GET', '/web/v1/auth/session')).status, 'the family is revoked by the replay').to.equal(401);
  });

  it('when a session is stored, then Redis holds only the digest of the refresh token, with a 30 day expiry', async () => {
    const { a, client, prefix } = await pair();
    const b = await new Browser(a.url).start();
    await b.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
    const refresh = b.value('__Secure-bp_refresh') ?? '';
    const keys = await client.keys(`${prefix}:web:*`);
    expect(keys).to.have.length(1);
    expect(keys[0]).to.not.include(refresh);
    const record = await client.hgetall(keys[0] ?? '');
    expect(record).to.include({ user: String(ADA.id), uses: '0' });
    expect(record.family).to.match(/^[\w-]{43}$/);
    expect(await client.ttl(keys[0] ?? '')).to.be.within(30 * 24 * 3600 - 5, 30 * 24 * 3600);
  });

  it('when Redis is down, then sign-in answers 503 with a clear message and sets no cookie', async () => {
    const own: RedisServer = await startRedis();
    try {
      const { store } = await replica(own.url);
      const web = await startWeb({ store });
      webs.push(web);
      await own.stop();
      const b = await new Browser(web.url).start();
      const res = await b.call('POST', '/web/v1/auth/telegram', widgetPayload(ADA));
      expect(res.status).to.equal(503);
      expect(res.body.error?.message).to.equal('the session store (Redis) is unavailable; try again shortly');
      expect(b.lastSetCookies).to.deep.equal([]);
    } finally {
      await own.stop();
    }
  });
});
