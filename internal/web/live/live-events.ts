import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { ApiClient } from '../../connect/api-client.js';
import type { GroupEvent, GroupEventBus } from '../../shared/events/group-events.js';
import type { Logger } from '../../shared/logger.js';
import { counter, gauge, type MetricsRegistry } from '../../shared/metrics.js';
import { COOKIES, cookieOf } from '../auth/cookies.js';
import type { Sessions } from '../auth/sessions.js';

export const LIVE_PATH = '/web/v1/events';
/** What a subscriber needs in the group: the live feed is the audit log as it grows. */
export const LIVE_PERMISSION = 'logs.view';

export interface LiveEventsOptions {
  sessions: Sessions;
  events: GroupEventBus;
  /** The api as web's own service (permission checks) and as a person (resume reads). */
  api: ApiClient;
  apiAs: (person: { userId: number; token: string }) => ApiClient;
  /** WEB_PUBLIC_URL's origin; else the Origin's host must be the Host asked for. */
  publicOrigin?: string | undefined;
  logger: Logger;
  metrics: MetricsRegistry;
  heartbeatMs?: number;
  /** Sockets one person may hold at once (tabs, devices); more are refused with 429. */
  maxSocketsPerPerson?: number;
  /** Groups one socket may watch. */
  maxGroupsPerSocket?: number;
  /** A client whose unsent data passes this is dropped: one slow phone never grows web's memory. */
  maxBufferedBytes?: number;
}

const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), group_id: z.number().int(), since: z.string().max(64).optional() }),
  z.strictObject({ type: z.literal('unsubscribe'), group_id: z.number().int() }),
]);

/** Events whose arrival may change who may watch the group: each watcher is asked again. */
const ACCESS_EVENTS = /^(user|role)\./;
const RESUME_LIMIT = 100;

interface Client {
  socket: WebSocket;
  userId: number;
  sessionId: string;
  token: string;
  groups: Set<number>;
  alive: boolean;
}

function originAllowed(req: IncomingMessage, publicOrigin: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return publicOrigin ? url.origin === publicOrigin : url.host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Live events over WebSocket at /web/v1/events. The browser's session cookie signs the socket
 * in, and the Origin must be the dashboard's (a page elsewhere cannot open a socket with its
 * visitor's cookies). A client subscribes per group; the api's permission check decides on
 * subscribe and again when a member or role event of that group arrives. A client that
 * resubscribes with `since` (the last event id it saw) first gets what it missed, from the
 * audit log. Heartbeats find dead sockets; slow ones are dropped.
 */
export class LiveEvents {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly connected;
  private readonly dropped;
  private readonly fannedOut;

  constructor(private readonly o: LiveEventsOptions) {
    this.connected = gauge(o.metrics, 'web_websocket_clients', 'WebSocket clients connected');
    this.dropped = counter(o.metrics, 'web_websocket_dropped_total', 'WebSocket clients dropped, by reason', ['reason']);
    this.fannedOut = counter(o.metrics, 'web_events_sent_total', 'Live events sent to WebSocket clients');
    this.unsubscribe = o.events.subscribe((e) => this.deliver(e));
    this.heartbeat = setInterval(() => this.beat(), o.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /** Takes over the server's upgrades on LIVE_PATH; others are refused. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(req, socket, head).catch(() => socket.destroy());
    });
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (new URL(req.url ?? '/', 'http://x').pathname !== LIVE_PATH) return refuse(404, 'Not Found');
    if (!originAllowed(req, this.o.publicOrigin)) return refuse(403, 'Forbidden');
    const token = cookieOf(req.headers.cookie, COOKIES.access);
    if (!token) return refuse(401, 'Unauthorized');
    const person = await this.o.sessions.person(token).catch(() => undefined);
    if (!person) return refuse(401, 'Unauthorized');
    // A signed-in member could otherwise open sockets until web runs out of memory.
    const held = [...this.clients].filter((c) => c.userId === person.userId).length;
    if (held >= (this.o.maxSocketsPerPerson ?? 20)) {
      this.dropped.inc({ reason: 'too_many' });
      return refuse(429, 'Too Many Requests');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, person.userId, person.sessionId, token));
  }

  private accept(socket: WebSocket, userId: number, sessionId: string, token: string): void {
    const client: Client = { socket, userId, sessionId, token, groups: new Set(), alive: true };
    this.clients.add(client);
    this.connected.set(this.clients.size);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => {
      this.clients.delete(client);
      this.connected.set(this.clients.size);
    });
    socket.on('message', (raw: Buffer) => {
      this.onMessage(client, raw).catch((err: unknown) => this.send(client, { type: 'error', message: String(err) }));
    });
    this.send(client, { type: 'hello', user_id: userId });
  }

  private async onMessage(client: Client, raw: Buffer): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.send(client, { type: 'error', message: 'messages must be JSON' });
    }
    const msg = clientMessage.safeParse(parsed);
    if (!msg.success) return this.send(client, { type: 'error', message: `not a message I know: ${msg.error.issues[0]?.message ?? 'invalid'}` });
    const { group_id } = msg.data;
    if (msg.data.type === 'unsubscribe') {
      client.groups.delete(group_id);
      return;
    }
    if (!client.groups.has(group_id) && client.groups.size >= (this.o.maxGroupsPerSocket ?? 50)) {
      return this.send(client, { type: 'error', message: `a socket watches at most ${this.o.maxGroupsPerSocket ?? 50} groups: unsubscribe one first` });
    }
    if (!(await this.mayWatch(client, group_id))) {
      return this.send(client, { type: 'denied', group_id, message: `you need the ${LIVE_PERMISSION} permission in this group` });
    }
    // Missed events first, then live ones: subscribing after the replay could lose one in between,
    // so the group is watched at once and replayed entries are sent before anything newer.
    client.groups.add(group_id);
    if (msg.data.since) await this.replay(client, group_id, msg.data.since);
    this.send(client, { type: 'subscribed', group_id });
  }

  private async mayWatch(client: Client, groupId: number): Promise<boolean> {
    const result = await this.o.api
      .checkPermission({ group_id: groupId, user_id: client.userId, permission: LIVE_PERMISSION })
      .catch(() => ({ allowed: false }));
    return result.allowed;
  }

  private async replay(client: Client, groupId: number, since: string): Promise<void> {
    const page = await this.o.apiAs({ userId: client.userId, token: client.token }).listLogs(groupId, { limit: RESUME_LIMIT });
    // Newest first from the api; ids are time-ordered, so "after since" is a string compare.
    const missed = page.items.filter((e) => e.id > since).reverse();
    for (const entry of missed) this.send(client, { type: 'event', event: { id: entry.id, group_id: groupId, type: 'audit', entry } });
    if (missed.length === RESUME_LIMIT) this.send(client, { type: 'reload', group_id: groupId, message: 'more was missed than is replayed: reload the page' });
  }

  private deliver(event: GroupEvent): void {
    for (const client of this.clients) {
      if (!client.groups.has(event.group_id)) continue;
      this.send(client, { type: 'event', event });
      this.fannedOut.inc();
      const eventType = event.type === 'audit' ? event.entry['event_type'] : undefined;
      if (typeof eventType === 'string' && ACCESS_EVENTS.test(eventType)) void this.recheck(client, event.group_id);
    }
  }

  private async recheck(client: Client, groupId: number): Promise<void> {
    if (await this.mayWatch(client, groupId)) return;
    client.groups.delete(groupId);
    this.send(client, { type: 'denied', group_id: groupId, message: `you no longer have the ${LIVE_PERMISSION} permission in this group` });
  }

  private send(client: Client, message: Record<string, unknown>): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > (this.o.maxBufferedBytes ?? 1 << 20)) {
      this.dropped.inc({ reason: 'slow' });
      client.socket.terminate();
      return;
    }
    client.socket.send(JSON.stringify(message));
  }

  /**
   * Every heartbeat: dead sockets go, and so do the sockets of a sign-in that has ended (a
   * logout elsewhere, a replayed refresh token): the feed is no longer theirs to read.
   */
  private beat(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        this.dropped.inc({ reason: 'no_pong' });
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
    void this.endClosedSessions();
  }

  /** Closes the sockets of ended sign-ins (4001: the page signs in again). */
  async endClosedSessions(): Promise<void> {
    const sessions = new Map<string, Client[]>();
    for (const c of this.clients) sessions.set(c.sessionId, [...(sessions.get(c.sessionId) ?? []), c]);
    for (const [sessionId, clients] of sessions) {
      if (await this.o.sessions.isLive(sessionId).catch(() => true)) continue;
      for (const c of clients) {
        this.dropped.inc({ reason: 'session_ended' });
        c.socket.close(4001, 'the session has ended: sign in again');
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of this.clients) client.socket.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
