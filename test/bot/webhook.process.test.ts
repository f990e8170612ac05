import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { connectionsChannel, connectionsHashKey, type PlatformRef } from '../../internal/connect/connection-keys.js';
import { startFakeTelegram, type FakeTelegram } from '../../internal/sandbox/telegram/index.js';
import type { User } from '../../internal/sandbox/telegram/types.js';
import { testEnv, uniqueName } from '../harness/env.js';
import { freePort, startProcess, waitUntil, within, type ManagedProcess } from '../harness/process.js';
import { startService, type ServiceProcess } from '../connect/service-process.js';
import { only, uid } from './bot-scene.js';

const ADMIN = 'admin-key-for-bot-process-tests';
const BOT_KEY = 'bot-key-for-bot-process-tests-0';
const WEB_KEY = 'web-key-for-bot-process-tests-0';
const KEYS = `admin:${ADMIN},bot:${BOT_KEY},web:${WEB_KEY}`;
const SECRET = 'webhook-secret-for-tests_0123';

/** The webhook answers before the bot finishes handling: assertions poll. */
const eventually = (check: () => Promise<boolean> | boolean, ms = 10_000) => within(ms, check);

/**
 * The bot as its own process in webhook mode, Telegram's updates POSTed to its route by the
 * fake, the api as another process on FerretDB and Redis, and web calling the bot over REST.
 */
describe('bot process: webhook, 429 storms, bot removal and web -> bot', function () {
  this.timeout(120_000);
  let fake: FakeTelegram;
  let api: ServiceProcess;
  let bot: ManagedProcess;
  let botUrl: string;
  let redis: Redis;
  let chatId: number;
  let owner: User;
  let members: User[];
  const platform: PlatformRef = { prefix: 'botplatform', namespace: 'bots', name: uniqueName('botproc') };
  let shared: Record<string, string>;

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${api.url}/api/v2${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    return ((await res.json()) as { data: T }).data;
  };
  const command = (from: User, text: string) => fake.updates.textMessage({ chat: chatId, from, text });

  before(async () => {
    const mongoUri = (await testEnv.mongo()).uri;
    const redisUrl = (await testEnv.redis()).url;
    redis = new Redis(redisUrl);
    shared = {
      MONGODB_DB: platform.name.replace(/-/g, '_'),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: platform.prefix,
      BOTPLATFORM_NAMESPACE: platform.namespace,
      BOTPLATFORM_NAME: platform.name,
      API_KEYS: KEYS,
    };
    // Only the api gets the store: bot and web reach it over REST.
    api = await startService('api', { ...shared, MONGODB_URI: mongoUri });
    fake = await startFakeTelegram();
    chatId = -1_000_000_000_000 - uid();
    owner = fake.state.addUser({ id: uid(), first_name: 'Olga', username: `owner_${uid()}` });
    members = [1, 2, 3].map((i) => fake.state.addUser({ id: uid(), first_name: `M${i}`, username: `member${i}_${uid()}` }));
    fake.state.addChat({
      id: chatId,
      type: 'supergroup',
      title: 'Process group',
      creator: owner,
      bot: { rights: only({ can_restrict_members: true, can_delete_messages: true, can_pin_messages: true }) },
    });
    for (const m of members) fake.state.setMember(chatId, m, { status: 'member' });

    const port = await freePort();
    botUrl = `http://127.0.0.1:${port}`;
    bot = startProcess('bot', process.execPath, ['--import', 'tsx', 'cmd/bot/main.ts'], {
      env: {
        ...process.env,
        ...shared,
        NODE_ENV: 'test',
        LOG_FORMAT: 'json',
        HOST: '127.0.0.1',
        PORT: String(port),
        API_METHOD: 'rest',
        API_URL: api.url,
        API_KEY: BOT_KEY,
        CONNECTIONS_FILE: '/nonexistent/connections.json',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        BOT_MODE: 'webhook',
        WEBHOOK_URL: `${botUrl}/telegram/webhook`,
        WEBHOOK_SECRET: SECRET,
      },
    });
    await waitUntil(bot, async () => (await fetch(`${botUrl}/readyz`)).ok, 30_000);
    // The operator's part: the api is reached over REST by the bot and by web.
    const api_ = JSON.stringify({ method: 'rest', url: api.url });
    await redis.hset(connectionsHashKey(platform), { api: api_, _meta: JSON.stringify({ hash: 'sha256:setup', generation: 1 }) });
  });
  after(async () => {
    await bot.stop();
    await api.stop();
    await fake.stop();
    redis.disconnect();
  });

  it('when the bot starts in webhook mode, then it registers the webhook with the secret, chat_member updates and its commands', () => {
    const call = fake.calls.last('setWebhook');
    expect(call?.params).to.include({ url: `${botUrl}/telegram/webhook`, secret_token: SECRET });
    expect(JSON.stringify(call?.params.allowed_updates)).to.contain('chat_member');
    expect(fake.calls.of('setMyCommands')).to.have.length(1);
  });

  it('when asked for /connections, then the bot shows how it reaches the api (rest, at the url it was given)', async () => {
    const res = await fetch(`${botUrl}/connections`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { services: { api: { method: string; url: string } } };
    expect(body.services.api).to.include({ method: 'rest', url: api.url });
  });

  it('when a request has a wrong or missing secret, then it gets 401 and nothing is handled', async () => {
    const before = fake.calls.all().length;
    const update = command(owner, `/ban @${members[0]?.username ?? ''}`);
    const variants: Record<string, string>[] = [{}, { 'x-telegram-bot-api-secret-token': 'wrong-secret' }];
    for (const headers of variants) {
      const res = await fetch(`${botUrl}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
      expect(res.status).to.equal(401);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(
      fake.calls
        .all()
        .slice(before)
        .map((c) => c.method),
    ).to.deep.equal([]);
  });

  it('when an admin bans through the webhook and Telegram redelivers the update, then the ban happens once and the api records it', async () => {
    const target = members[0];
    if (!target) throw new Error('no member');
    await fake.deliverToWebhook(command(target, 'hello')); // the bot learns the username
    const update = command(owner, `/ban @${target.username ?? ''} spam`);
    const first = await fake.deliverToWebhook(update);
    const second = await fake.deliverToWebhook(update);
    expect([first.status, second.status]).to.deep.equal([200, 200]);
    await eventually(() => fake.state.member(chatId, target.id).status === 'kicked');
    await eventually(async () => (await apiGet<{ items: unknown[] }>(`/groups/${chatId}/actions?user_id=${target.id}`)).items.length === 1);
    const [action] = (await apiGet<{ items: Record<string, unknown>[] }>(`/groups/${chatId}/actions?user_id=${target.id}`)).items;
    expect(action).to.include({ action_type: 'ban', source: 'bot', reason: 'spam', admin_id: owner.id });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.of('banChatMember').filter((c) => c.params.user_id === target.id)).to.have.length(1);
  });

  it('when Telegram answers a storm of 429s, then every moderation action is still applied, in order', async () => {
    const [, a, b] = members;
    if (!a || !b) throw new Error('no members');
    await fake.deliverToWebhook(command(a, 'hi'));
    await fake.deliverToWebhook(command(b, 'hi'));
    await eventually(async () => (await apiGet<{ items: unknown[] }>(`/groups/${chatId}/users`)).items.length >= 3);
    const mark = fake.calls.all().length;
    fake.failNext('*', { error_code: 429, retry_after: 1 }, { times: 4, chatId });
    await fake.deliverToWebhook(command(owner, `/mute @${a.username ?? ''}`));
    await fake.deliverToWebhook(command(owner, `/ban @${b.username ?? ''}`));
    await fake.deliverToWebhook(command(owner, `/unmute @${a.username ?? ''}`));
    await eventually(async () => (await apiGet<{ items: unknown[] }>(`/groups/${chatId}/actions?user_id=${a.id}`)).items.length === 2, 30_000);
    await eventually(() => fake.state.member(chatId, b.id).status === 'kicked', 30_000);
    const applied = fake.calls
      .all()
      .slice(mark)
      .filter((c) => c.ok && ['restrictChatMember', 'banChatMember'].includes(c.method));
    expect(applied.map((c) => `${c.method}:${String(c.params.user_id)}`)).to.deep.equal([
      `restrictChatMember:${a.id}`,
      `banChatMember:${b.id}`,
      `restrictChatMember:${a.id}`,
    ]);
    expect(
      fake.calls
        .all()
        .slice(mark)
        .filter((c) => c.injected),
    ).to.have.length(4);
    const retries = await (await fetch(`${botUrl}/metrics`)).text();
    expect(retries).to.match(/bot_telegram_retries_total\{[^}]*\} [4-9]/);
  });

  it('when web sends an announcement through the bot over REST, then it reaches the group; switched to disabled, web says the bot is off', async () => {
    const web = await startService('web', { ...shared, API_KEY: WEB_KEY, API_METHOD: 'rest', API_URL: api.url });
    try {
      await redis.hset(connectionsHashKey(platform), {
        bot: JSON.stringify({ method: 'rest', url: botUrl }),
        _meta: JSON.stringify({ hash: 'sha256:bot-rest', generation: 2 }),
      });
      await redis.publish(connectionsChannel(platform), 'sha256:bot-rest');
      const post = () =>
        fetch(`${web.url}/web/v1/groups/${chatId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'Maintenance at 22:00' }),
        });
      await eventually(async () => (await post()).status === 201, 5000);
      expect(fake.calls.of('sendMessage').some((c) => c.params.text === 'Maintenance at 22:00' && c.params.chat_id === chatId)).to.equal(true);
      const bad = await fetch(`${web.url}/web/v1/groups/${chatId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '' }),
      });
      expect(bad.status).to.equal(400);
      const status = (await (await fetch(`${web.url}/web/v1/bot/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
        data: { running: boolean; mode: string };
      };
      expect(status.data).to.include({ running: true, mode: 'webhook' });
      await redis.hset(connectionsHashKey(platform), {
        bot: JSON.stringify({ method: 'disabled', url: null }),
        _meta: JSON.stringify({ hash: 'sha256:bot-off', generation: 3 }),
      });
      await redis.publish(connectionsChannel(platform), 'sha256:bot-off');
      // Polled on /connections, not by posting: each post while still rest is a real, paced message.
      await eventually(async () => JSON.stringify(await (await fetch(`${web.url}/connections`)).json()).includes('"disabled"'), 2000);
      const off = (await (await post()).json()) as { error: { code: string; message: string } };
      expect(off.error).to.include({ code: 'SERVICE_DISABLED', message: 'the bot is switched off by the platform admin' });
    } finally {
      await web.stop();
    }
  });

  it('when the bot has handled traffic, then /metrics carries the bot metrics and the logs never carry the token', async () => {
    const text = await (await fetch(`${botUrl}/metrics`)).text();
    for (const name of [
      'bot_updates_total{',
      'bot_commands_total{',
      'bot_response_time_seconds_bucket{',
      'bot_outbound_queue_depth',
      'bot_telegram_retries_total{',
      'bot_errors_total',
    ])
      expect(text, name).to.contain(name);
    expect(text).to.match(/bot_commands_total\{[^}]*command="ban"[^}]*\} [1-9]/);
    const log = readFileSync(bot.logFile, 'utf8');
    expect(log.length).to.be.greaterThan(0);
    expect(log).to.not.contain(fake.token);
    expect(log).to.not.contain(fake.token.split(':')[1]);
  });

  it('when the bot has been removed from the group, then the 403 marks the group inactive', async () => {
    fake.state.setMember(chatId, fake.state.botUser, { status: 'left' });
    const msg = command(owner, '/rules');
    await fake.deliverToWebhook(msg);
    await eventually(async () => (await apiGet<{ is_active: boolean }>(`/groups/${chatId}`)).is_active === false);
  });
});
