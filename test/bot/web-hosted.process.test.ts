import { expect } from 'chai';
import { Redis } from 'ioredis';
import { connectionsHashKey, type PlatformRef } from '../../internal/connect/connection-keys.js';
import { startFakeTelegram, type FakeTelegram } from '../../internal/sandbox/telegram/index.js';
import { testEnv, uniqueName } from '../harness/env.js';
import { within } from '../harness/process.js';
import { startService, type ServiceProcess } from '../connect/service-process.js';
import { uid } from './bot-scene.js';

const ADMIN = 'admin-key-for-web-hosted-bot-000';
const WEB_KEY = 'web-key-for-web-hosted-bot-00000';

/** DESIGN.md section 5: with the bot's method router, the bot runs inside web's pods. */
describe('web process hosting the bot (router)', function () {
  this.timeout(120_000);
  let fake: FakeTelegram;
  let api: ServiceProcess;
  let web: ServiceProcess;
  let redis: Redis;

  after(async () => {
    await web.stop();
    await api.stop();
    await fake.stop();
    redis.disconnect();
  });

  it('when the bot is router, then web polls Telegram, answers commands and sends announcements in-process', async () => {
    const mongoUri = (await testEnv.mongo()).uri;
    const redisUrl = (await testEnv.redis()).url;
    redis = new Redis(redisUrl);
    const platform: PlatformRef = { prefix: 'botplatform', namespace: 'bots', name: uniqueName('hosted') };
    const shared = {
      MONGODB_DB: platform.name.replace(/-/g, '_'),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: platform.prefix,
      BOTPLATFORM_NAMESPACE: platform.namespace,
      BOTPLATFORM_NAME: platform.name,
      API_KEYS: `admin:${ADMIN},web:${WEB_KEY}`,
    };
    api = await startService('api', { ...shared, MONGODB_URI: mongoUri });
    await redis.hset(connectionsHashKey(platform), {
      api: JSON.stringify({ method: 'rest', url: api.url }),
      bot: JSON.stringify({ method: 'router', url: null }),
      _meta: JSON.stringify({ hash: 'sha256:hosted', generation: 1 }),
    });
    fake = await startFakeTelegram();
    const chatId = -1_000_000_000_000 - uid();
    const owner = fake.state.addUser({ id: uid(), first_name: 'Olga' });
    fake.state.addChat({ id: chatId, type: 'supergroup', title: 'Hosted group', creator: owner });
    web = await startService('web', {
      ...shared,
      API_KEY: WEB_KEY,
      API_METHOD: 'rest',
      API_URL: api.url,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });

    await fake.calls.waitFor('getUpdates', { timeoutMs: 15_000 });
    fake.enqueueUpdate(fake.updates.textMessage({ chat: chatId, from: owner, text: '/rules' }));
    await fake.calls.waitFor((c) => c.method === 'sendMessage' && c.chatId === chatId, { timeoutMs: 10_000 });
    expect(String(fake.calls.last('sendMessage')?.params.text)).to.contain('no rules yet');

    const res = await fetch(`${web.url}/web/v1/groups/${chatId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hello from the dashboard' }),
    });
    expect(res.status).to.equal(201);
    await within(5000, () => fake.calls.of('sendMessage').some((c) => c.params.text === 'Hello from the dashboard'));
    expect(await web.metric('connect_served_total', { callee: 'bot', side: 'in-process' })).to.be.greaterThan(0);
    const status = (await (await fetch(`${web.url}/web/v1/bot/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
      data: { running: boolean; mode: string };
    };
    expect(status.data).to.include({ running: true, mode: 'polling' });
  });
});
