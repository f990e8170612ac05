import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import type { Redis } from 'ioredis';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { startFakeTelegram, type FakeTelegram } from '../../sandbox/telegram/index.js';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { closeRedis } from '../../shared/redis/index.js';
import { silentLogger } from '../../shared/logger.js';
import { createRegistry, type MetricsRegistry } from '../../shared/metrics.js';
import { connectedRedis, eventually, metricValue } from '../outbound/outbound.test-support.js';
import { installOutbound, OutboundQueue } from '../outbound/index.js';
import { ALLOWED_UPDATES } from './allowed-updates.js';
import { setWebhook } from './bot-mode.js';
import { UpdateDedup } from './update-dedup.js';
import { createWebhookHandler, SECRET_HEADER, type WebhookHandlerOptions } from './webhook.handler.js';

const SECRET = 'wh_secret-Test-123';
let chatSeq = 0;

interface Endpoint {
  url: string;
  handled: Update[];
  registry: MetricsRegistry;
  drain(timeoutMs: number): Promise<boolean>;
}

describe('telegram webhook route', function () {
  let redis: Redis;
  let fake: FakeTelegram;
  let prefix: string;
  const servers: Server[] = [];

  before(async function () {
    redis = await connectedRedis((await testEnv.redis()).url, silentLogger());
  });

  beforeEach(async function () {
    fake = await startFakeTelegram();
    prefix = uniqueName('botplatform');
  });

  afterEach(async function () {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    await fake.stop();
  });

  after(async function () {
    await closeRedis(redis);
  });

  /** A webhook route on its own Express app (a replica), sharing the test's redis. */
  async function endpoint(overrides: Partial<WebhookHandlerOptions> = {}): Promise<Endpoint> {
    const handled: Update[] = [];
    const registry = createRegistry();
    const handler = createWebhookHandler({
      secretToken: SECRET,
      dedup: new UpdateDedup({ redis, keyPrefix: prefix, botId: fake.state.botUser.id, logger: silentLogger() }),
      handleUpdate: (update) => {
        handled.push(update);
        return Promise.resolve();
      },
      logger: silentLogger(),
      registry,
      ...overrides,
    });
    const app = express();
    app.post('/telegram/webhook', handler.router);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
    return { url, handled, registry, drain: (ms) => handler.drain(ms) };
  }

  function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }

  function anUpdate(): Update {
    chatSeq += 1;
    const owner = fake.state.addUser({ id: 5_000_000 + chatSeq, first_name: 'Olga' });
    const chatId = -1_000_000_000_000 - chatSeq;
    fake.state.addChat({ id: chatId, type: 'supergroup', title: 'G', creator: owner });
    return fake.updates.textMessage({ chat: chatId, from: owner, text: 'hello' });
  }

  it('when setWebhook is called, then Telegram gets the secret and the explicit allowed_updates including chat_member', async function () {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    await setWebhook({ telegram: bot.telegram, url: 'https://bots.example.com/telegram/webhook', secretToken: SECRET });
    expect(fake.state.webhook?.secretToken).to.equal(SECRET);
    expect(fake.state.webhook?.allowedUpdates).to.have.members([...ALLOWED_UPDATES]);
    expect(fake.state.webhook?.allowedUpdates).to.include.members(['chat_member', 'my_chat_member', 'chat_join_request']);
  });

  it('when the secret is wrong or missing, then the answer is 401 and nothing is handled', async function () {
    const { url, handled, registry } = await endpoint();
    const body = JSON.stringify(anUpdate());
    expect((await post(url, body, { [SECRET_HEADER]: 'wrong' })).status).to.equal(401);
    expect((await post(url, body, { [SECRET_HEADER]: `${SECRET}x` })).status).to.equal(401);
    expect((await post(url, body)).status).to.equal(401);
    expect(handled).to.deep.equal([]);
    expect(await metricValue(registry, 'bot_webhook_requests_total', { outcome: 'unauthorized' })).to.equal(3);
    // A rejected request did not claim the update id either.
    expect((await post(url, body, { [SECRET_HEADER]: SECRET })).status).to.equal(200);
    expect(handled).to.have.length(1);
  });

  it('when Telegram delivers an update with the right secret, then it is handled once and a redelivery is answered 200 without handling', async function () {
    const { url, handled } = await endpoint();
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    await setWebhook({ telegram: bot.telegram, url, secretToken: SECRET });
    const update = anUpdate();
    const first = await fake.deliverToWebhook(update);
    const again = await fake.deliverToWebhook(update);
    expect(first.status).to.equal(200);
    expect(again.status).to.equal(200);
    expect(handled.map((u) => u.update_id)).to.deep.equal([update.update_id]);
    expect(await redis.exists(`${prefix}:bot:${fake.state.botUser.id}:update:${update.update_id}`)).to.equal(1);
  });

  it('when the same update reaches two replicas sharing redis, then only one handles it', async function () {
    const a = await endpoint();
    const b = await endpoint();
    const body = JSON.stringify(anUpdate());
    const answers = await Promise.all([post(a.url, body, { [SECRET_HEADER]: SECRET }), post(b.url, body, { [SECRET_HEADER]: SECRET })]);
    expect(answers.map((r) => r.status)).to.deep.equal([200, 200]);
    expect(a.handled.length + b.handled.length).to.equal(1);
  });

  it('when the body is not an Update, then the answer is 400 and nothing is handled', async function () {
    const { url, handled } = await endpoint();
    const headers = { [SECRET_HEADER]: SECRET };
    expect((await post(url, JSON.stringify({ message: {} }), headers)).status).to.equal(400);
    expect((await post(url, JSON.stringify({ update_id: 1.5 }), headers)).status).to.equal(400);
    expect((await post(url, JSON.stringify({ update_id: '12' }), headers)).status).to.equal(400);
    expect((await post(url, '[1,2]', headers)).status).to.equal(400);
    expect((await post(url, '{"update_id": ', headers)).status).to.equal(400);
    expect(handled).to.deep.equal([]);
  });

  it('when handling fails in after-handling mode, then the answer is 500 and the redelivery is handled again', async function () {
    let attempts = 0;
    const { url } = await endpoint({
      respond: 'after-handling',
      handleUpdate: () => {
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error('api down')) : Promise.resolve();
      },
    });
    const body = JSON.stringify(anUpdate());
    expect((await post(url, body, { [SECRET_HEADER]: SECRET })).status).to.equal(500);
    expect((await post(url, body, { [SECRET_HEADER]: SECRET })).status).to.equal(200);
    expect((await post(url, body, { [SECRET_HEADER]: SECRET })).status).to.equal(200);
    expect(attempts).to.equal(2);
  });

  it('when a telegraf bot handles webhook updates, then its reply goes out through the queue as a real call, not in the webhook answer', async function () {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    const queue = new OutboundQueue({ logger: silentLogger() });
    installOutbound(bot.telegram, queue);
    bot.on('message', (ctx) => ctx.reply('welcome'));
    const hook = await endpoint({ handleUpdate: (u) => bot.handleUpdate(u) });
    await setWebhook({ telegram: bot.telegram, url: hook.url, secretToken: SECRET });
    const delivery = await fake.deliverToWebhook(anUpdate());
    expect(delivery.body).to.not.include('sendMessage');
    await eventually('the reply reached telegram', () => fake.calls.of('sendMessage').length === 1);
    expect(await hook.drain(1000)).to.equal(true);
    expect(fake.calls.last('sendMessage')?.params['text']).to.equal('welcome');
    await queue.close(1000);
  });
});
