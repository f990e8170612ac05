import { expect } from 'chai';
import { Context, Telegraf, TelegramError } from 'telegraf';
import { startFakeTelegram, type FakeTelegram, type User } from '../../sandbox/telegram/index.js';
import { silentLogger } from '../../shared/logger.js';
import { createRegistry, type MetricsRegistry } from '../../shared/metrics.js';
import { installOutbound, outboundContext, useOutbound } from './install-outbound.js';
import { OutboundQueue } from './outbound.queue.js';
import { FAST_LIMITS, metricValue, RecordingPacer, rejectionOf } from './outbound.test-support.js';
import { MemorySendPacer } from './send-pacing.js';

let nextId = 0;
function uniqueId(): number {
  nextId += 1;
  return 700_000 + nextId * 100 + Math.floor(Math.random() * 100);
}

interface Scene {
  fake: FakeTelegram;
  bot: Telegraf;
  queue: OutboundQueue;
  registry: MetricsRegistry;
  pacer: RecordingPacer;
  forbidden: string[];
  owner: User;
  newGroup(): number;
  newMember(chatId: number): User;
}

describe('outbound queue on a telegraf bot against the fake Bot API', function () {
  let scene: Scene;

  beforeEach(async function () {
    const fake = await startFakeTelegram();
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    const registry = createRegistry();
    const pacer = new RecordingPacer(new MemorySendPacer());
    const forbidden: string[] = [];
    const queue = new OutboundQueue({ logger: silentLogger(), registry, pacer, limits: FAST_LIMITS, onForbidden: (chatId) => void forbidden.push(chatId) });
    installOutbound(bot.telegram, queue);
    const owner = fake.state.addUser({ id: uniqueId(), first_name: 'Olga' });
    scene = {
      fake,
      bot,
      queue,
      registry,
      pacer,
      forbidden,
      owner,
      newGroup() {
        const id = -1_000_000_000_000 - uniqueId();
        fake.state.addChat({ id, type: 'supergroup', title: 'Group', creator: owner });
        return id;
      },
      newMember(chatId) {
        const user = fake.state.addUser({ id: uniqueId(), first_name: 'Max' });
        fake.state.setMember(chatId, user, { status: 'member' });
        return user;
      },
    };
  });

  afterEach(async function () {
    await scene.queue.close(1000);
    await scene.fake.stop();
  });

  it('when Telegram answers a storm of 429s, then every call is applied once, in order within its lane, after retry_after, and the retries are counted', async function () {
    const { fake, bot } = scene;
    const chatId = scene.newGroup();
    const spammer = scene.newMember(chatId);
    const flooder = scene.newMember(chatId);
    fake.failNext('*', { error_code: 429, retry_after: 1 }, { times: 3, chatId });
    const results = await Promise.all([
      bot.telegram.banChatMember(chatId, spammer.id),
      bot.telegram.sendMessage(chatId, 'banned'),
      bot.telegram.restrictChatMember(chatId, flooder.id, { permissions: { can_send_messages: false } }),
      bot.telegram.sendMessage(chatId, 'muted'),
    ]);
    expect(results[0]).to.equal(true);
    const forChat = fake.calls.actions().filter((c) => String(c.chatId) === String(chatId));
    const applied = (methods: string[]) =>
      forChat.filter((c) => c.status === 200 && methods.includes(c.method)).map((c) => (c.method === 'sendMessage' ? String(c.params.text) : c.method));
    expect(applied(['banChatMember', 'restrictChatMember'])).to.deep.equal(['banChatMember', 'restrictChatMember']);
    expect(applied(['sendMessage'])).to.deep.equal(['banned', 'muted']);
    expect(forChat.filter((c) => c.status === 429)).to.have.length(3);
    expect(forChat).to.have.length(7);
    expect(fake.state.member(chatId, spammer.id)?.status).to.equal('kicked');
    expect(fake.state.member(chatId, flooder.id)?.status).to.equal('restricted');
    expect(await metricValue(scene.registry, 'bot_telegram_retries_total', { reason: 'rate_limited' })).to.equal(3);
  });

  it('when a chat answers 403, then onForbidden gets that chat, the call rejects, and other chats are unaffected', async function () {
    const { fake, bot } = scene;
    const gone = scene.newGroup();
    const other = scene.newGroup();
    fake.failNext('*', { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' }, { chatId: gone });
    const [err, delivered] = await Promise.all([rejectionOf(bot.telegram.sendMessage(gone, 'hello')), bot.telegram.sendMessage(other, 'hello')]);
    expect(err).to.be.instanceOf(TelegramError);
    expect((err as TelegramError).code).to.equal(403);
    expect(scene.forbidden).to.deep.equal([String(gone)]);
    expect(delivered.chat.id).to.equal(other);
    expect(fake.calls.of('sendMessage').filter((c) => c.chatId === gone)).to.have.length(1);
    expect([...fake.state.messagesIn(other).values()].map((m) => m.text)).to.include('hello');
  });

  it('when Telegram answers 400, then the call rejects at once without a retry and the chat goes on', async function () {
    const { fake, bot } = scene;
    const chatId = scene.newGroup();
    const member = scene.newMember(chatId);
    fake.failNext('banChatMember', { error_code: 400, description: 'Bad Request: user not found' }, { chatId });
    const [err, sent] = await Promise.all([rejectionOf(bot.telegram.banChatMember(chatId, member.id)), bot.telegram.sendMessage(chatId, 'after')]);
    expect((err as TelegramError).code).to.equal(400);
    expect(fake.calls.of('banChatMember')).to.have.length(1);
    expect(sent.text).to.equal('after');
    expect(fake.state.member(chatId, member.id)?.status).to.equal('member');
    expect(await metricValue(scene.registry, 'bot_telegram_retries_total')).to.equal(0);
    expect(scene.forbidden).to.deep.equal([]);
  });

  it('when messages to several chats interleave, then each chat receives its messages in the order they were sent', async function () {
    const { fake, bot } = scene;
    const chats = [scene.newGroup(), scene.newGroup(), scene.newGroup()];
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 15; i += 1) {
      const chatId = chats[i % 3] ?? 0;
      sends.push(bot.telegram.sendMessage(chatId, `m${i}`));
    }
    await Promise.all(sends);
    for (const [n, chatId] of chats.entries()) {
      const texts = fake.calls
        .of('sendMessage')
        .filter((c) => c.chatId === chatId)
        .map((c) => c.params['text']);
      expect(texts).to.deep.equal([0, 1, 2, 3, 4].map((k) => `m${k * 3 + n}`));
    }
  });

  it('when a handler replies with outboundContext, then ctx.telegram is the bot instance and the reply went through the queue', async function () {
    const { fake } = scene;
    const chatId = scene.newGroup();
    const member = scene.newMember(chatId);
    const queue = new OutboundQueue({ logger: silentLogger(), pacer: scene.pacer, limits: FAST_LIMITS });
    const bot: Telegraf = new Telegraf(fake.token, {
      telegram: { apiRoot: fake.apiRoot, webhookReply: false },
      contextType: outboundContext(Context, () => bot.telegram),
    });
    installOutbound(bot.telegram, queue);
    let same = false;
    bot.on('message', async (ctx) => {
      same = ctx.telegram === bot.telegram;
      await ctx.reply('pong');
    });
    await bot.handleUpdate(fake.updates.textMessage({ chat: chatId, from: member, text: 'ping' }));
    expect(same).to.equal(true);
    expect(fake.calls.of('sendMessage').map((c) => c.params['text'])).to.deep.equal(['pong']);
    expect(scene.pacer.decisions.some((d) => d.keys.includes(`chat:${chatId}`))).to.equal(true);
    await queue.close(1000);
  });

  it('when a bot without outboundContext uses useOutbound, then replies still go through the queue and polling does not', async function () {
    const { fake } = scene;
    const chatId = scene.newGroup();
    const member = scene.newMember(chatId);
    const queue = new OutboundQueue({ logger: silentLogger(), pacer: scene.pacer, limits: FAST_LIMITS });
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
    useOutbound(bot, queue);
    bot.on('message', (ctx) => ctx.reply('pong'));
    await bot.handleUpdate(fake.updates.textMessage({ chat: chatId, from: member, text: 'ping' }));
    expect(fake.calls.of('sendMessage')).to.have.length(1);
    expect(scene.pacer.decisions.filter((d) => d.keys.includes(`chat:${chatId}`))).to.have.length(1);
    const before = scene.pacer.decisions.length;
    await bot.telegram.callApi('getUpdates', { timeout: 0 });
    expect(scene.pacer.decisions.length).to.equal(before);
    await queue.close(1000);
  });
});
