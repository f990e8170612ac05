// Shared by the rate limit tests: an api app with a rate limit on port 0, calls as a
// service key or a person, captured logs and metrics.
import type { Server } from 'node:http';
import { capturedLogger, type LogLine } from '../../cache/cache.test-support.js';
import { cachedStore, createCache } from '../../cache/index.js';
import { createServices } from '../../domain/index.js';
import { Health } from '../../shared/health.js';
import { listen, urlOf } from '../../shared/http.js';
import { createRegistry, type MetricsRegistry } from '../../shared/metrics.js';
import { createMemoryStore } from '../../store/memory/index.js';
import { createApiApp } from '../app.js';
import { parseApiKeys, signToken } from '../../shared/auth/index.js';
import { createApiRateLimit, type ApiRateLimit, type RateLimits } from './index.js';

export const ADMIN_KEY = 'rate-limit-admin-key-0123456789';
export const BOT_KEY = 'rate-limit-bot-key-0123456789ab';
export const JWT_SECRET = 'rate-limit-test-jwt-secret-0123456789abcdef';

export interface Answer {
  status: number;
  retryAfter: string | null;
  body: { success: boolean; data?: unknown; error?: { code: string; message: string; details: unknown[] } };
}

export interface LimitedApi {
  url: string;
  registry: MetricsRegistry;
  lines: LogLine[];
  rateLimit: ApiRateLimit;
  /** A call with a service key (ADMIN_KEY, BOT_KEY) or a person's access token. */
  call(credential: string, method: string, path: string, body?: unknown): Promise<Answer>;
  personToken(userId: number): Promise<string>;
  close(): Promise<void>;
}

/** The api app on the memory store with the given limits; buckets in Redis when `redisUrl` is set. */
export async function startLimitedApi(opts: { limits: RateLimits; prefix: string; redisUrl?: string; now?: () => number }): Promise<LimitedApi> {
  const { logger, lines } = capturedLogger();
  const registry = createRegistry();
  const telemetry = { logger, registry, health: new Health() };
  const services = createServices(cachedStore(createMemoryStore(), createCache({ prefix: opts.prefix, logger, registry })));
  const rateLimit = createApiRateLimit({ ...opts, logger, registry, redis: { reconnectMaxDelayMs: 100 } });
  await rateLimit.ready();
  const auth = { keys: parseApiKeys(`admin:${ADMIN_KEY},bot:${BOT_KEY}`), jwtSecret: JWT_SECRET };
  const server: Server = await listen(createApiApp({ telemetry, services, auth, rateLimit: rateLimit.middleware }), 0);
  const url = urlOf(server);
  return {
    url,
    registry,
    lines,
    rateLimit,
    async call(credential, method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${credential}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}/api/v2${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
    },
    personToken: (userId) => signToken(JWT_SECRET, userId, 'access'),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rateLimit.close();
    },
  };
}

/** A clock the test moves by hand, so no assertion depends on how fast the machine is. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
