import { expect } from 'chai';
import { TelegramError } from 'telegraf';
import { silentLogger } from '../../shared/logger.js';
import { createRegistry } from '../../shared/metrics.js';
import { OutboundClosedError, OutboundQueue } from './outbound.queue.js';
import { capturedLogger, FAST_LIMITS, metricValue, RecordingPacer, rejectionOf } from './outbound.test-support.js';
import { gcra, MemorySendPacer } from './send-pacing.js';

const GROUP = -1001234567890;

function networkError(code: string): Error {
  return Object.assign(new Error(`request to http://127.0.0.1:1/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/banChatMember failed, reason: ${code}`), {
    name: 'FetchError',
    code,
  });
}

function tooManyRequests(retryAfter: number): TelegramError {
  return new TelegramError({ error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
}

describe('outbound queue', function () {
  it('when calls for several chats interleave, then each chat runs its calls one at a time per lane, in arrival order', async function () {
    const queue = new OutboundQueue({ logger: silentLogger(), limits: FAST_LIMITS });
    const started: string[] = [];
    const running = new Map<string, number>();
    let overlap = false;
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i += 1) {
      const chatId = [GROUP, -1002, 42][i % 3] ?? GROUP;
      const lane = `${chatId}/${i % 2 === 0 ? 'message' : 'other'}`;
      calls.push(
        queue.enqueue(i % 2 === 0 ? 'sendMessage' : 'banChatMember', { chat_id: chatId }, async () => {
          running.set(lane, (running.get(lane) ?? 0) + 1);
          if ((running.get(lane) ?? 0) > 1) overlap = true;
          started.push(`${lane}:${i}`);
          await new Promise((resolve) => setTimeout(resolve, (12 - i) % 4));
          running.set(lane, (running.get(lane) ?? 0) - 1);
          return i;
        }),
      );
    }
    expect(await Promise.all(calls)).to.deep.equal([...Array(12).keys()]);
    expect(overlap).to.equal(false);
    for (const lane of new Set(started.map((s) => s.split(':')[0]))) {
      const order = started.filter((s) => s.startsWith(`${lane}:`)).map((s) => Number(s.split(':')[1]));
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    }
  });

  it("when a group's messages wait for their budget, then a ban for that group does not wait behind them", async function () {
    // The buckets' clock stands still until the ban went out: welcomes 2 and 3 wait for
    // budget for as long as the test needs, however slow the machine is.
    let frozen: number | undefined = Date.now();
    const queue = new OutboundQueue({ logger: silentLogger(), pacer: new MemorySendPacer(() => frozen ?? Date.now()) });
    const started: string[] = [];
    let firstSent = (): void => undefined;
    const first = new Promise<void>((resolve) => (firstSent = resolve));
    const call = (method: string, name: string) =>
      queue.enqueue(method, { chat_id: GROUP }, () => {
        started.push(name);
        firstSent();
        return Promise.resolve(true);
      });
    const messages = [call('sendMessage', 'welcome 1'), call('sendMessage', 'welcome 2'), call('sendMessage', 'welcome 3')];
    await first;
    await call('banChatMember', 'ban');
    expect(started).to.deep.equal(['welcome 1', 'ban']);
    frozen = undefined;
    await Promise.all(messages);
    expect(started).to.deep.equal(['welcome 1', 'ban', 'welcome 2', 'welcome 3']);
  });

  it('when a message goes to a group, then it takes the global, chat and group buckets, while a ban takes only the global one', async function () {
    const pacer = new RecordingPacer(new MemorySendPacer());
    const queue = new OutboundQueue({ logger: silentLogger(), pacer, limits: FAST_LIMITS });
    await queue.enqueue('sendMessage', { chat_id: GROUP, text: 'hi' }, () => Promise.resolve(true));
    await queue.enqueue('banChatMember', { chat_id: GROUP, user_id: 7 }, () => Promise.resolve(true));
    await queue.enqueue('sendMessage', { chat_id: 42, text: 'hi' }, () => Promise.resolve(true));
    await queue.enqueue('answerCallbackQuery', { callback_query_id: 'q' }, () => Promise.resolve(true));
    const granted = pacer.decisions.filter((d) => d.waitMs === 0).map((d) => d.keys);
    expect(granted).to.deep.equal([['global', `chat:${GROUP}`, `group:${GROUP}`], ['global'], ['global', 'chat:42'], ['global']]);
  });

  it('when the chat budget is spent, then a second immediate message is held but a ban for the same chat is not', async function () {
    let now = 1_000_000;
    const pacer = new MemorySendPacer(() => now);
    const message = [
      { key: 'global', intervalMs: 34, burst: 30 },
      { key: `chat:${GROUP}`, intervalMs: 1000, burst: 1 },
      { key: `group:${GROUP}`, intervalMs: 3000, burst: 3 },
    ];
    expect(await pacer.acquire(message)).to.equal(0);
    expect(await pacer.acquire(message)).to.equal(1000);
    expect(await pacer.acquire([{ key: 'global', intervalMs: 34, burst: 30 }])).to.equal(0);
    for (let second = 1; second <= 3; second += 1) {
      now += 1000;
      expect(await pacer.acquire(message)).to.equal(0);
    }
    now += 1000;
    // The group's burst of 3 is spent and it refills one every 3 s (20 a minute): the fifth
    // message in four seconds waits although the chat's 1-a-second budget would allow it.
    expect(await pacer.acquire(message)).to.equal(2000);
  });

  it('when a bucket is denied, then no other bucket of the call is consumed', function () {
    expect(gcra(undefined, 0, { key: 'c', intervalMs: 1000, burst: 1 })).to.deep.equal({ waitMs: 0, newTat: 1000 });
    expect(gcra(1000, 0, { key: 'c', intervalMs: 1000, burst: 1 })).to.deep.equal({ waitMs: 1000, newTat: 2000 });
    expect(gcra(1000, 0, { key: 'g', intervalMs: 1000, burst: 3 }).waitMs).to.equal(0);
  });

  it('when a ban hits connection resets, then it is retried with backoff and applied, and the retries are counted', async function () {
    const registry = createRegistry();
    const queue = new OutboundQueue({ logger: silentLogger(), registry, limits: FAST_LIMITS, retryBackoffMs: 5 });
    let attempts = 0;
    const result = await queue.enqueue('banChatMember', { chat_id: GROUP, user_id: 7 }, () => {
      attempts += 1;
      return attempts <= 2 ? Promise.reject(networkError('ECONNRESET')) : Promise.resolve(true);
    });
    expect(result).to.equal(true);
    expect(attempts).to.equal(3);
    expect(await metricValue(registry, 'bot_telegram_retries_total', { reason: 'network' })).to.equal(2);
  });

  it('when a message hits a connection reset, then it is not repeated (it may have been posted), but a refused connection is', async function () {
    const queue = new OutboundQueue({ logger: silentLogger(), limits: FAST_LIMITS, retryBackoffMs: 5 });
    let resets = 0;
    const reset = queue.enqueue('sendMessage', { chat_id: GROUP, text: 'x' }, () => {
      resets += 1;
      return Promise.reject(networkError('ECONNRESET'));
    });
    expect((await rejectionOf(reset)).message).to.match(/ECONNRESET/);
    expect(resets).to.equal(1);
    let refusals = 0;
    const refused = await queue.enqueue('sendMessage', { chat_id: GROUP, text: 'y' }, () => {
      refusals += 1;
      return refusals === 1 ? Promise.reject(networkError('ECONNREFUSED')) : Promise.resolve('sent');
    });
    expect(refused).to.equal('sent');
    expect(refusals).to.equal(2);
  });

  it('when a network error is logged, then the bot token from the request url is not', async function () {
    const { logger, text } = capturedLogger();
    const queue = new OutboundQueue({ logger, limits: FAST_LIMITS, retryBackoffMs: 1, maxNetworkRetries: 1 });
    const call = queue.enqueue('banChatMember', { chat_id: GROUP, user_id: 7 }, () => Promise.reject(networkError('ECONNRESET')));
    expect((await rejectionOf(call)).message).to.match(/ECONNRESET/);
    expect(text()).to.include('telegram call failed, retrying');
    expect(text()).not.to.include('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  });

  it('when the queue holds calls, then the depth gauge counts them, and drain waits until they are done', async function () {
    const registry = createRegistry();
    const queue = new OutboundQueue({ logger: silentLogger(), registry, limits: FAST_LIMITS });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = queue.enqueue('banChatMember', { chat_id: GROUP }, () => held.then(() => 1));
    // Both held: the gauge is read while neither can finish, whatever the scheduling.
    const second = queue.enqueue('sendMessage', { chat_id: GROUP }, () => held.then(() => 2));
    expect(await metricValue(registry, 'bot_outbound_queue_depth')).to.equal(2);
    expect(await queue.drain(20)).to.equal(false);
    release();
    expect(await queue.drain(1000)).to.equal(true);
    expect(await Promise.all([first, second])).to.deep.equal([1, 2]);
    expect(await metricValue(registry, 'bot_outbound_queue_depth')).to.equal(0);
  });

  it('when closed while a call waits out a long retry_after, then waiting calls are rejected and new calls refused', async function () {
    const queue = new OutboundQueue({ logger: silentLogger(), limits: FAST_LIMITS });
    let sends = 0;
    const limited = queue.enqueue('banChatMember', { chat_id: GROUP }, () => {
      sends += 1;
      return Promise.reject(tooManyRequests(30));
    });
    const behind = queue.enqueue('restrictChatMember', { chat_id: GROUP }, () => Promise.resolve('never'));
    const limitedOutcome = limited.catch((err: unknown) => err);
    const behindOutcome = behind.catch((err: unknown) => err);
    await queue.close(50);
    expect(await limitedOutcome).to.be.instanceOf(OutboundClosedError);
    expect(await behindOutcome).to.be.instanceOf(OutboundClosedError);
    expect(sends).to.equal(1);
    expect(await rejectionOf(queue.enqueue('getMe', {}, () => Promise.resolve(true)))).to.be.instanceOf(OutboundClosedError);
  });
});
