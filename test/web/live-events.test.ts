import { expect } from 'chai';
import { WebSocket } from 'ws';
import { createServices } from '../../internal/domain/index.js';
import { auditEvent } from '../../internal/domain/audit/audit-event.js';
import { RedisGroupEventBus } from '../../internal/shared/events/group-events.js';
import { silentLogger } from '../../internal/shared/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { testEnv, uniqueName } from '../harness/env.js';
import { Browser, startWeb, widgetPayload, type WebUnderTest } from './web-under-test.js';

const OWNER = { id: 8080, first_name: 'Olga' };
const STRANGER = { id: 9090, first_name: 'Sam' };
const GROUP = -1006000000001;

type Message = Record<string, unknown> & { type: string };

/** A WebSocket client that keeps every message and can wait for one that matches. */
class LiveClient {
  readonly messages: Message[] = [];
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString()) as Message;
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => (w.match(msg) ? (w.resolve(msg), false) : true));
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<LiveClient> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/web/v1/events`, { headers });
    const client = new LiveClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(msg: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(msg));
  }

  /** The first message (kept or still to come) that matches; a hang is bounded by mocha's timeout. */
  next(match: (m: Message) => boolean): Promise<Message> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

const isEvent = (type: string) => (m: Message) => m.type === 'event' && (m.event as { entry?: { event_type: string } }).entry?.event_type === type;

describe('web live events over WebSocket', function () {
  this.timeout(30_000);
  const webs: WebUnderTest[] = [];
  const clients: LiveClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(webs.splice(0).map((w) => w.close()));
  });

  async function web(o: Parameters<typeof startWeb>[0] = {}) {
    const w = await startWeb(o);
    webs.push(w);
    return w;
  }
  async function seed(w: WebUnderTest) {
    if (await w.services.groups.get(GROUP).catch(() => undefined)) return;
    await w.services.groups.create({ group_id: GROUP, name: 'Live group' });
    await w.services.users.upsert(GROUP, OWNER.id, { role: 'admin' });
  }
  /** A signed-in browser's socket: its session cookie and its page's Origin. */
  async function socketAs(w: WebUnderTest, user: { id: number; first_name: string }, origin = w.url, browser?: Browser) {
    const b = browser ?? (await new Browser(w.url).start());
    if (!browser) expect((await b.call('POST', '/web/v1/auth/telegram', widgetPayload(user))).status).to.equal(200);
    const cookie = [...b.cookies].map(([name, c]) => `${name}=${c.value}`).join('; ');
    const client = await LiveClient.open(w.url, { origin, cookie });
    clients.push(client);
    return client;
  }
  /**
   * Resolves once everything the server sent `c` before now has arrived: events are sent while
   * the write that made them runs, so an answer asked for after it comes after them on the socket.
   */
  const drained = async (c: LiveClient) => {
    const mark = c.messages.length;
    c.socket.send('sync');
    await c.next((m) => m.type === 'error' && c.messages.indexOf(m) >= mark);
  };
  const subscribed = (c: LiveClient, since?: string) => {
    c.send({ type: 'subscribe', group_id: GROUP, ...(since ? { since } : {}) });
    return c.next((m) => m.type === 'subscribed' || m.type === 'denied');
  };

  it('when an admin watches a group and an action is recorded, then the audit entry arrives live', async () => {
    const w = await web();
    await seed(w);
    const c = await socketAs(w, OWNER);
    expect((await subscribed(c)).type).to.equal('subscribed');
    await w.services.actions.create(GROUP, { user_id: 555, action_type: 'warn', reason: 'spam' }, { actor_id: OWNER.id });
    const msg = await c.next(isEvent('action.warn'));
    expect(msg.event).to.deep.include({ group_id: GROUP, type: 'audit' });
  });

  it('when the bot reports activity, then watchers get a stats tick with the counters that moved', async () => {
    const w = await web();
    await seed(w);
    const c = await socketAs(w, OWNER);
    expect((await subscribed(c)).type).to.equal('subscribed');
    await w.services.stats.recordActivity(GROUP, { messages: 3, user_id: 555 });
    await w.services.stats.recordActivity(GROUP, { joins: 1 });
    await drained(c);
    const ticks = c.messages.filter((m) => m.type === 'event' && (m.event as { type: string }).type === 'stats').map((m) => m.event);
    expect(ticks).to.deep.equal([
      { group_id: GROUP, type: 'stats', counters: { messages: 3, joins: 0, leaves: 0 } },
      { group_id: GROUP, type: 'stats', counters: { messages: 0, joins: 1, leaves: 0 } },
    ]);
  });

  it('when a person without logs.view subscribes, then they are told which permission they need and get no events', async () => {
    const w = await web();
    await seed(w);
    const c = await socketAs(w, STRANGER);
    const answer = await subscribed(c);
    expect(answer).to.deep.equal({ type: 'denied', group_id: GROUP, message: 'you need the logs.view permission in this group' });
    const watcher = await socketAs(w, OWNER);
    await subscribed(watcher);
    await w.services.actions.create(GROUP, { user_id: 556, action_type: 'warn' }, { actor_id: OWNER.id });
    await watcher.next(isEvent('action.warn'));
    await drained(c);
    expect(c.messages.filter((m) => m.type === 'event')).to.deep.equal([]);
  });

  it('when the socket comes from another origin or without a session, then the upgrade is refused', async () => {
    const w = await web();
    await seed(w);
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => 'opened',
        (e: Error) => e.message,
      );
    expect(await refused(socketAs(w, OWNER, 'https://evil.example'))).to.equal('upgrade refused: 403');
    expect(await refused(LiveClient.open(w.url, { origin: w.url }))).to.equal('upgrade refused: 401');
  });

  it('when a dropped client resubscribes with the last id it saw, then it first gets what it missed, in order', async () => {
    const w = await web();
    await seed(w);
    const first = await socketAs(w, OWNER);
    await subscribed(first);
    await w.services.actions.create(GROUP, { user_id: 557, action_type: 'warn', reason: 'one' }, { actor_id: OWNER.id });
    const seen = await first.next(isEvent('action.warn'));
    await first.close();
    await w.services.actions.create(GROUP, { user_id: 558, action_type: 'mute', duration: 600 }, { actor_id: OWNER.id });
    await w.services.actions.create(GROUP, { user_id: 559, action_type: 'ban' }, { actor_id: OWNER.id });
    const again = await socketAs(w, OWNER);
    expect((await subscribed(again, (seen.event as { id: string }).id)).type).to.equal('subscribed');
    const replayed = again.messages.filter((m) => m.type === 'event').map((m) => (m.event as { entry: { event_type: string } }).entry.event_type);
    expect(replayed).to.deep.equal(['action.mute', 'action.ban']);
  });

  it('when the watcher loses the permission, then the next member event tells them and their events stop', async () => {
    const w = await web();
    await seed(w);
    const c = await socketAs(w, OWNER);
    await subscribed(c);
    await w.services.users.update(GROUP, OWNER.id, { role: 'member' });
    expect(await c.next((m) => m.type === 'denied')).to.deep.equal({
      type: 'denied',
      group_id: GROUP,
      message: 'you no longer have the logs.view permission in this group',
    });
    const before = c.messages.length;
    await w.services.actions.create(GROUP, { user_id: 560, action_type: 'warn' });
    await drained(c);
    expect(c.messages.slice(before).filter((m) => m.type === 'event')).to.deep.equal([]);
  });

  it('when the person logs out elsewhere, then the next heartbeat closes their open sockets with 4001', async () => {
    const w = await web();
    await seed(w);
    const b = await new Browser(w.url).start();
    await b.call('POST', '/web/v1/auth/telegram', widgetPayload(OWNER));
    const c = await socketAs(w, OWNER, w.url, b);
    await subscribed(c);
    const closed = new Promise<number>((resolve) => c.socket.once('close', (code: number) => resolve(code)));
    expect((await b.call('POST', '/web/v1/auth/logout')).status).to.equal(200);
    await w.live.endClosedSessions();
    expect(await closed).to.equal(4001);
  });

  it('when one person opens more sockets than allowed, then the extra one is refused with 429', async () => {
    const w = await web({ maxSocketsPerPerson: 2 });
    await seed(w);
    const b = await new Browser(w.url).start();
    await b.call('POST', '/web/v1/auth/telegram', widgetPayload(OWNER));
    await socketAs(w, OWNER, w.url, b);
    await socketAs(w, OWNER, w.url, b);
    const third = await socketAs(w, OWNER, w.url, b).then(
      () => 'opened',
      (e: Error) => e.message,
    );
    expect(third).to.equal('upgrade refused: 429');
  });

  it('when a message is not JSON or not a known message, then the client is told and stays connected', async () => {
    const w = await web();
    await seed(w);
    const c = await socketAs(w, OWNER);
    c.socket.send('not json');
    expect(await c.next((m) => m.type === 'error')).to.deep.equal({ type: 'error', message: 'messages must be JSON' });
    c.send({ type: 'subscribe', group_id: 'x' });
    expect(String((await c.next((m) => m.type === 'error' && m !== c.messages[1])).message)).to.match(/^not a message I know/);
    expect((await subscribed(c)).type).to.equal('subscribed');
  });

  it('when two web replicas share Redis, then an entry the api publishes reaches the clients of both', async () => {
    const { url } = await testEnv.redis();
    const prefix = uniqueName('live');
    const apiBus = new RedisGroupEventBus(url, prefix, silentLogger());
    const services = createServices(createMemoryStore(), { onAudit: (entry) => apiBus.publish(auditEvent(entry)) });
    const busA = new RedisGroupEventBus(url, prefix, silentLogger());
    const busB = new RedisGroupEventBus(url, prefix, silentLogger());
    try {
      const a = await web({ services, events: busA });
      const b = await web({ services, events: busB });
      await Promise.all([busA.ready(), busB.ready()]);
      await seed(a);
      const onA = await socketAs(a, OWNER);
      const onB = await socketAs(b, OWNER);
      await Promise.all([subscribed(onA), subscribed(onB)]);
      await services.actions.create(GROUP, { user_id: 561, action_type: 'kick' }, { actor_id: OWNER.id });
      const [ea, eb] = await Promise.all([onA.next(isEvent('action.kick')), onB.next(isEvent('action.kick'))]);
      expect(ea.event).to.deep.equal(eb.event);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await Promise.all([apiBus.close(), busA.close(), busB.close()]);
    }
  });
});
