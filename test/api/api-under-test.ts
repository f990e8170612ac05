import type { Server } from 'node:http';
import { createApiApp } from '../../internal/api/app.js';
import { parseApiKeys, signToken } from '../../internal/shared/auth/index.js';
import { startApiRuntime, type ApiRuntime } from '../../internal/api/runtime.js';
import { parseEnv, platformEnvSchema } from '../../internal/shared/config.js';
import { Health } from '../../internal/shared/health.js';
import { listen, urlOf } from '../../internal/shared/http.js';
import { silentLogger } from '../../internal/shared/logger.js';
import { createRegistry, type MetricsRegistry } from '../../internal/shared/metrics.js';
import { uniqueName } from '../harness/env.js';

export const ADMIN_KEY = 'admin-key-0123456789abcdef';
export const BOT_KEY = 'bot-key-0123456789abcdef00';
export const JWT_SECRET = 'jwt-secret-for-tests-0123456789abcdef';

export interface ApiUnderTest {
  url: string;
  runtime: ApiRuntime;
  registry: MetricsRegistry;
  /** fetch against the api with the admin key (or `as`), JSON in and out. */
  call(
    method: string,
    path: string,
    opts?: { body?: unknown; as?: string; headers?: Record<string, string>; raw?: string },
  ): Promise<{ status: number; body: ApiBody; headers: Record<string, string> }>;
  personToken(userId: number): Promise<string>;
  metric(name: string): Promise<number>;
  close(): Promise<void>;
}

export interface ApiBody {
  success: boolean;
  data?: unknown;
  message?: string;
  error?: { code: string; message: string; details: { path: string; message: string }[] };
}

/** The api app on port 0 over the given backends (memory when a URL is absent). */
export async function startApi(opts: { mongoUri?: string; redisUrl?: string; bodyLimit?: string } = {}): Promise<ApiUnderTest> {
  const env = parseEnv(platformEnvSchema, {
    MONGODB_URI: opts.mongoUri,
    MONGODB_DB: uniqueName('api').replace(/[^a-z0-9]/gi, '_'),
    REDIS_URL: opts.redisUrl,
    REDIS_KEY_PREFIX: uniqueName('bp'),
    API_BODY_LIMIT: opts.bodyLimit,
  });
  const registry = createRegistry();
  const telemetry = { logger: silentLogger(), registry, health: new Health() };
  const runtime = await startApiRuntime(env, telemetry);
  await runtime.cache.ready();
  const app = createApiApp({
    telemetry,
    services: runtime.services,
    auth: { keys: parseApiKeys(`admin:${ADMIN_KEY},bot:${BOT_KEY}`), jwtSecret: JWT_SECRET },
    status: () => runtime.status(),
    bodyLimit: env.API_BODY_LIMIT,
  });
  const server: Server = await listen(app, 0);
  const url = urlOf(server);
  return {
    url,
    runtime,
    registry,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${o.as ?? ADMIN_KEY}`, ...o.headers };
      if (o.body !== undefined || o.raw !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, { method, headers, body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) });
      const text = await res.text();
      let body: ApiBody;
      try {
        body = JSON.parse(text) as ApiBody;
      } catch {
        body = { success: false, error: { code: 'NOT_JSON', message: text.slice(0, 200), details: [] } };
      }
      return { status: res.status, body, headers: Object.fromEntries(res.headers) };
    },
    personToken: (userId) => signToken(JWT_SECRET, userId, 'access'),
    async metric(name) {
      const text = await registry.metrics();
      let sum = 0;
      for (const line of text.split('\n')) {
        if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{')) sum += Number(line.split(' ').pop());
      }
      return sum;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
    },
  };
}
