import { createHash, createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { BotClient } from '../../internal/connect/bot-client.js';
import { ALL_ROUTER, connect, type Connections } from '../../internal/connect/connections.js';
import { createServices, type Services } from '../../internal/domain/index.js';
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { createRegistry, Health, listen, silentLogger, urlOf } from '../../internal/shared/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { createWebApp } from '../../internal/web/app.js';
import { MemorySessionStore, Sessions, type SessionStore } from '../../internal/web/auth/index.js';
import type { ApiBody } from '../api/api-under-test.js';
import { auditEvent } from '../../internal/domain/audit/audit-event.js';
import { MemoryGroupEventBus, type GroupEventBus } from '../../internal/shared/events/group-events.js';
import { LiveEvents } from '../../internal/web/live/index.js';

export const BOT_TOKEN = '777000:web-sign-in-test-token';
export const JWT_SECRET = 'jwt-secret-for-web-sign-in-tests-0000000';
export const ADMIN_KEY = 'admin-key-for-web-sign-in-tests-0';

export interface WebUnderTest {
  url: string;
  services: Services;
  /** The bus web's live events read (the api's in-process bus unless one was given). */
  events: GroupEventBus;
  live: LiveEvents;
  close(): Promise<void>;
}

/** web on port 0 with the api in-process (router) on the memory store, sign-in on `store`. */
export async function startWeb(
  o: {
    store?: SessionStore;
    services?: Services;
    publicOrigin?: string;
    events?: GroupEventBus;
    maxSocketsPerPerson?: number;
    localBot?: BotClient;
    /** PLATFORM_ADMINS, for the api in-process and for web. */
    platformAdmins?: number[];
  } = {},
): Promise<WebUnderTest> {
  const events = o.events ?? new MemoryGroupEventBus();
  const services =
    o.services ??
    createServices(createMemoryStore(), {
      onAudit: (entry) => events.publish(auditEvent(entry)),
      onActivity: (groupId, counters) => events.publish({ group_id: groupId, type: 'stats', counters }),
      platformAdmins: o.platformAdmins ?? [],
    });
  const logger = silentLogger();
  const registry = createRegistry();
  const connections: Connections = await connect({
    logger,
    metrics: registry,
    defaults: ALL_ROUTER,
    apiKey: '',
    caller: 'web',
    localApi: services,
    localBot: o.localBot,
  });
  const sessions = new Sessions(o.store ?? new MemorySessionStore(), JWT_SECRET);
  const app = createWebApp({
    telemetry: { logger, registry, health: new Health() },
    connections,
    auth: { keys: parseApiKeys(`admin:${ADMIN_KEY}`), jwtSecret: JWT_SECRET },
    signIn: { botToken: BOT_TOKEN, sessions, maxAgeS: 24 * 3600 },
    publicOrigin: o.publicOrigin,
    platformAdmins: o.platformAdmins,
  });
  const server: Server = await listen(app, 0);
  const live = new LiveEvents({
    sessions,
    events,
    api: connections.api,
    apiAs: (p) => connections.apiAs(p),
    publicOrigin: o.publicOrigin,
    logger,
    metrics: registry,
    heartbeatMs: 60_000,
    ...(o.maxSocketsPerPerson ? { maxSocketsPerPerson: o.maxSocketsPerPerson } : {}),
  });
  live.attach(server);
  return {
    url: urlOf(server),
    services,
    events,
    live,
    close: async () => {
      await live.close();
      await new Promise((resolve) => server.close(resolve));
      await connections.close();
    },
  };
}

/** A Login Widget payload signed as Telegram signs it (written from the docs, not the code). */
export function widgetPayload(user: { id: number; first_name: string; username?: string }, authDate = Math.floor(Date.now() / 1000), token = BOT_TOKEN) {
  const fields: Record<string, string | number> = { ...user, auth_date: authDate };
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  return { ...fields, hash: createHmac('sha256', createHash('sha256').update(token).digest()).update(check).digest('hex') };
}

/** Mini App initData signed as Telegram signs it. */
export function signedInitData(
  user: { id: number; first_name: string; username?: string; language_code?: string },
  authDate = Math.floor(Date.now() / 1000),
): string {
  const fields = { auth_date: String(authDate), query_id: 'AAHtest', user: JSON.stringify(user) };
  const check = Object.entries(fields)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(BOT_TOKEN).digest();
  return new URLSearchParams({ ...fields, hash: createHmac('sha256', secret).update(check).digest('hex') }).toString();
}

/**
 * A browser's view of one origin: it keeps the cookies web sets (by name, honouring Max-Age=0
 * and the refresh cookie's Path), sends Origin and echoes the CSRF cookie on every change.
 */
export class Browser {
  readonly cookies = new Map<string, { value: string; path: string }>();
  lastSetCookies: string[] = [];

  constructor(
    private readonly base: string,
    private readonly origin = base,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: ApiBody }> {
    const csrf = this.cookies.get('__Host-bp_csrf')?.value;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { origin: this.origin, ...(csrf ? { 'x-csrf-token': csrf } : {}) }),
        ...(this.cookieHeader(path) ? { cookie: this.cookieHeader(path) } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) this.store(line);
    return { status: res.status, body: (await res.json()) as ApiBody };
  }

  /** GET /web/v1/auth/csrf, as the dashboard does before its first change. */
  async start(): Promise<this> {
    await this.call('GET', '/web/v1/auth/csrf');
    return this;
  }

  value(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  private cookieHeader(path: string): string {
    return [...this.cookies]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(line: string): void {
    const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
    if (attr('max-age') === '0') this.cookies.delete(name);
    else this.cookies.set(name, { value: pair.slice(eq + 1), path: attr('path') ?? '/' });
  }
}
