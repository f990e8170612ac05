import { expect } from 'chai';
import type { Server } from 'node:http';
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { createBotApp } from '../../internal/bot/app.js';
import { botService } from '../../internal/bot/bot.service.js';
import { inProcessApiClient } from '../../internal/connect/api.in-process.js';
import type { BotClient } from '../../internal/connect/bot-client.js';
import { restBotClient } from '../../internal/connect/bot.rest.js';
import { RestTransport } from '../../internal/connect/rest-transport.js';
import { AppError } from '../../internal/shared/errors.js';
import { createRegistry, Health, listen, silentLogger, urlOf } from '../../internal/shared/index.js';
import { startBotScene, type BotScene } from './bot-scene.js';
import { ALL_ROUTER } from '../../internal/connect/connections.js';
import { ConnectionRegistry } from '../../internal/connect/registry.js';

const WEB_KEY = 'web-key-for-bot-client-tests-00';

/** What a call answered, or the code and message of the AppError it threw. */
async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    const v = (await p) as Record<string, unknown>;
    return { ok: Object.keys(v).sort() };
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
    throw err;
  }
}

describe('BotClient: in-process and REST sides answer alike', function () {
  let s: BotScene;
  let server: Server;
  let local: BotClient;
  let rest: BotClient;
  beforeEach(async () => {
    s = await startBotScene();
    local = botService({
      telegram: s.bot.telegraf.telegram,
      api: inProcessApiClient(s.services, 'bot'),
      mode: 'webhook',
      username: s.bot.deps.me.username,
      running: () => true,
      queueDepth: () => s.bot.queueDepth(),
    });
    const telemetry = { logger: silentLogger(), registry: createRegistry(), health: new Health() };
    const connections = new ConnectionRegistry({ logger: telemetry.logger, metrics: telemetry.registry, defaults: ALL_ROUTER });
    server = await listen(createBotApp({ telemetry, service: local, connections, auth: { keys: parseApiKeys(`web:${WEB_KEY}`) } }), 0);
    rest = restBotClient(new RestTransport({ baseUrl: () => urlOf(server), apiKey: WEB_KEY, timeoutMs: 5000 }));
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await s.close();
  });

  it('when each side sends a message, then it reaches the group and both answer with its message_id', async () => {
    const a = await local.sendMessage(s.chatId, { text: 'from in-process' }, { actorId: s.owner.id });
    const b = await rest.sendMessage(s.chatId, { text: 'from rest' }, { actorId: s.owner.id });
    expect(b.message_id).to.equal(a.message_id + 1);
    expect(s.fake.state.message(s.chatId, b.message_id)?.text).to.equal('from rest');
    expect(await rest.status()).to.deep.equal(await local.status());
    // Each is in the audit log, naming who asked.
    const { items } = await s.services.audit.list(s.chatId, { event_type: 'announcement.sent' });
    expect(items.map((e) => [e.data['text'], e.data['message_id'], e.actor_id])).to.deep.equal([
      ['from rest', b.message_id, s.owner.id],
      ['from in-process', a.message_id, s.owner.id],
    ]);
  });

  it('when Telegram refuses the announcement, then nothing is recorded', async () => {
    s.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
    expect(await outcome(local.sendMessage(s.chatId, { text: 'hello' }))).to.have.property('code');
    expect((await s.services.audit.list(s.chatId, { event_type: 'announcement.sent' })).items).to.deep.equal([]);
  });

  it('when the input is bad, the group unknown or the bot removed, then both sides throw the same AppError and nothing is sent', async () => {
    const cases: [number, { text: string }][] = [
      [s.chatId, { text: '   ' }],
      [s.chatId, { text: 'x'.repeat(4097) }],
      [-1_009_999_999_999, { text: 'hi' }],
    ];
    const before = s.fake.calls.of('sendMessage').length;
    for (const [groupId, input] of cases) {
      const expected = await outcome(local.sendMessage(groupId, input));
      expect(expected).to.have.property('code');
      expect(await outcome(rest.sendMessage(groupId, input))).to.deep.equal(expected);
    }
    expect(s.fake.calls.of('sendMessage').length).to.equal(before);
    await s.services.groups.update(s.chatId, { is_active: false });
    const inactive = await outcome(local.sendMessage(s.chatId, { text: 'hi' }));
    expect(inactive).to.include({ code: 'CONFLICT' });
    expect(await outcome(rest.sendMessage(s.chatId, { text: 'hi' }))).to.deep.equal(inactive);
  });

  it('when a caller has no service key, then the bot routes refuse it', async () => {
    const res = await fetch(`${urlOf(server)}/bot/v1/status`);
    expect(res.status).to.equal(401);
  });
});
