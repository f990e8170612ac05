import { expect } from 'chai';
import { startFakeTelegram, type FakeTelegram } from '../../internal/sandbox/telegram/index.js';
import { testEnv, uniqueName } from '../harness/env.js';
import { freePort, startProcess, waitUntil, type ManagedProcess } from '../harness/process.js';
import { uid } from './bot-scene.js';

/** `make run` with a token: the all-in-one process polls the (fake) Bot API. */
describe('platform process: the bot in polling mode', function () {
  this.timeout(90_000);
  let fake: FakeTelegram;
  const procs: ManagedProcess[] = [];
  after(async () => {
    for (const p of procs) await p.stop();
    await fake.stop();
  });

  const startPlatform = async (redisUrl: string, prefix: string) => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const p = startProcess('platform', process.execPath, ['--import', 'tsx', 'cmd/platform/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_FORMAT: 'json',
        HOST: '127.0.0.1',
        API_PORT: String(ports[0]),
        BOT_PORT: String(ports[1]),
        WEB_PORT: String(ports[2]),
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
      },
    });
    procs.push(p);
    return { proc: p, botUrl: `http://127.0.0.1:${ports[1]}` };
  };

  it('when started with a token, then it polls with chat_member allowed and answers commands; a second instance on the token refuses to start', async () => {
    fake = await startFakeTelegram();
    const redisUrl = (await testEnv.redis()).url;
    const prefix = uniqueName('poll');
    const first = await startPlatform(redisUrl, prefix);
    await waitUntil(first.proc, async () => (await fetch(`${first.botUrl}/readyz`)).ok, 30_000);
    await fake.calls.waitFor('getUpdates', { timeoutMs: 10_000 });
    expect(JSON.stringify(fake.calls.last('getUpdates')?.params.allowed_updates)).to.contain('chat_member');

    const chatId = -1_000_000_000_000 - uid();
    const owner = fake.state.addUser({ id: uid(), first_name: 'Olga' });
    fake.state.addChat({ id: chatId, type: 'supergroup', title: 'Polled group', creator: owner });
    fake.enqueueUpdate(fake.updates.textMessage({ chat: chatId, from: owner, text: '/rules' }));
    await fake.calls.waitFor((c) => c.method === 'sendMessage' && c.chatId === chatId, { timeoutMs: 10_000 });
    expect(String(fake.calls.last('sendMessage')?.params.text)).to.contain('no rules yet');

    const second = await startPlatform(redisUrl, prefix);
    const code = await new Promise<number | null>((resolve) => second.proc.child.once('exit', resolve));
    expect(code).to.equal(1);
    expect(second.proc.tail()).to.contain('bot could not start').and.contain('another instance is already polling this bot token');
  });
});
