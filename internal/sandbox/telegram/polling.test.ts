import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { TelegramError } from 'telegraf';
import { within } from '../../../test/harness/process.js';
import { startScene, uniqueId, type Scene } from './fixtures.js';

describe('fake telegram: updates, polling and webhooks', () => {
  let s: Scene;
  beforeEach(async () => (s = await startScene()));
  afterEach(() => s.fake.stop());

  it('when a polling bot receives an enqueued /ping, then it replies and stops cleanly', async () => {
    s.bot.command('ping', (ctx) => ctx.reply('pong', { reply_parameters: { message_id: ctx.message.message_id } }));
    const running = s.bot.launch({ allowedUpdates: ['message', 'chat_member'] });
    const update = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: '/ping' });
    s.fake.enqueueUpdate(update);
    const [reply] = await s.fake.calls.waitFor('sendMessage');
    s.bot.stop('test over');
    await running;
    expect(reply?.params).to.deep.include({ chat_id: s.chatId, text: 'pong' });
    expect(s.fake.state.message(s.chatId, update.message.message_id + 1)).to.deep.include({ text: 'pong', replyToId: update.message.message_id });
    const poll = s.fake.calls.of('getUpdates')[0];
    expect(poll?.params).to.deep.include({ allowed_updates: ['message', 'chat_member'] });
    expect(s.fake.calls.of('deleteWebhook')).to.have.length(1);
  });

  it('when getUpdates is called with an offset, then earlier updates are confirmed and not returned again', async () => {
    const first = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'a' });
    const second = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'b' });
    s.fake.enqueueUpdate(first);
    s.fake.enqueueUpdate(second);
    expect((await s.bot.telegram.getUpdates(0, 100, 0, undefined)).map((u) => u.update_id)).to.deep.equal([first.update_id, second.update_id]);
    expect((await s.bot.telegram.getUpdates(0, 100, second.update_id, undefined)).map((u) => u.update_id)).to.deep.equal([second.update_id]);
    expect(await s.bot.telegram.getUpdates(0, 100, second.update_id + 1, undefined)).to.deep.equal([]);
  });

  it('when allowed_updates does not list chat_member, then chat_member updates are withheld, as Telegram does by default', async () => {
    s.fake.enqueueUpdate(s.fake.updates.chatMember({ chat: s.chatId, user: { id: uniqueId() }, status: { status: 'member' } }));
    expect(await s.bot.telegram.getUpdates(0, 100, 0, undefined)).to.deep.equal([]);
    const wanted = s.fake.updates.chatMember({ chat: s.chatId, user: { id: uniqueId() }, status: { status: 'member' } });
    s.fake.enqueueUpdate(wanted);
    const got = await s.bot.telegram.getUpdates(0, 100, 0, ['chat_member']);
    expect(got.map((u) => u.update_id)).to.deep.equal([wanted.update_id]);
  });

  it('when a long poll is waiting and an update is enqueued, then the poll answers with it', async () => {
    const polling = s.bot.telegram.getUpdates(30, 100, 0, undefined);
    const update = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'late' });
    await within(10_000, () => s.fake.pollWaiting(), 5);
    s.fake.enqueueUpdate(update);
    expect((await polling).map((u) => u.update_id)).to.deep.equal([update.update_id]);
  });

  it('when a second poller starts while one waits, then the first gets 409 Conflict', async () => {
    // A long poll that outlasts any slowness, and the second only once the first is waiting.
    await s.fake.stop();
    s = await startScene({}, { maxPollWaitMs: 60_000 });
    const first = s.bot.telegram.getUpdates(30, 100, 0, undefined).then(
      () => undefined,
      (err: unknown) => err,
    );
    await within(10_000, () => s.fake.pollWaiting(), 5);
    const second = s.bot.telegram.getUpdates(1, 100, 0, undefined);
    const err = await first;
    await second;
    expect(err).to.be.instanceOf(TelegramError);
    expect((err as TelegramError).code).to.equal(409);
  });

  it('when stop() is called during a long poll, then the fake shuts down promptly', async () => {
    const polling = s.bot.telegram.getUpdates(50, 100, 0, undefined).catch(() => []);
    await within(10_000, () => s.fake.pollWaiting(), 5);
    await s.fake.stop();
    expect(await polling).to.deep.equal([]);
  });

  describe('with a webhook', () => {
    let receiver: Server;
    let received: { secret: string | undefined; body: string }[];

    beforeEach(async () => {
      received = [];
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const secret = req.headers['x-telegram-bot-api-secret-token'];
          received.push({ secret: typeof secret === 'string' ? secret : undefined, body });
          res.end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    });
    afterEach(() => new Promise((resolve) => receiver.close(resolve)));

    it('when a webhook is set, then getWebhookInfo reports it, getUpdates conflicts and updates are pushed with the secret', async () => {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/telegram`;
      await s.bot.telegram.setWebhook(url, { secret_token: 'sekret_1', allowed_updates: ['message', 'chat_member'] });
      const info = await s.bot.telegram.getWebhookInfo();
      expect(info).to.deep.include({ url, allowed_updates: ['message', 'chat_member'], pending_update_count: 0 });
      expect(s.fake.state.webhook?.secretToken).to.equal('sekret_1');
      const conflict = await s.bot.telegram.getUpdates(0, 100, 0, undefined).catch((err: unknown) => err);
      expect((conflict as TelegramError).code).to.equal(409);
      const update = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'hi' });
      const delivery = await s.fake.deliverToWebhook(update);
      expect(delivery).to.deep.include({ delivered: true, status: 200 });
      expect(received[0]?.secret).to.equal('sekret_1');
      expect((JSON.parse(received[0]?.body ?? '{}') as { update_id: number }).update_id).to.equal(update.update_id);
      const skipped = await s.fake.deliverToWebhook(
        s.fake.updates.callbackQuery({ chat: s.chatId, from: s.member, message_id: update.message.message_id, data: 'x' }),
      );
      expect(skipped.delivered).to.equal(false);
      await s.bot.telegram.deleteWebhook();
      expect((await s.bot.telegram.getWebhookInfo()).url).to.equal('');
    });
  });
});
