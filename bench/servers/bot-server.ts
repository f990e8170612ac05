// One side of bench/bot.ts, as its own process so its RSS is its own: the platform's bot
// (BENCH_SIDE=full, the api in-process; BENCH_SIDE=rest, the api over HTTP) or a bare
// telegraf bot with a no-op handler (BENCH_SIDE=bare), all behind the same webhook route
// (secret check, update_id de-duplication through Redis), answering once the update is
// handled so the load generator's latency is handling latency.
import express from 'express';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createApiApp } from '../../internal/api/app.js';
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { createApiRateLimit, rateLimitsFromEnv } from '../../internal/api/rate-limit/index.js';
import { createBot } from '../../internal/bot/index.js';
import { RedisKv } from '../../internal/bot/state/kv.js';
import { createSendPacer } from '../../internal/bot/outbound/index.js';
import { createWebhookHandler, UpdateDedup } from '../../internal/bot/transport/index.js';
import { createRedisClient } from '../../internal/shared/redis/index.js';
import type { ApiClient } from '../../internal/connect/api-client.js';
import { inProcessApiClient } from '../../internal/connect/api.in-process.js';
import { restApiClient } from '../../internal/connect/api.rest.js';
import { RestTransport } from '../../internal/connect/rest-transport.js';
import { createServices, type Services } from '../../internal/domain/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { createRegistry, Health, listen, parseEnv, platformEnvSchema, silentLogger } from '../../internal/shared/index.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const side = env('BENCH_SIDE');
const token = env('BENCH_TOKEN');
const apiRoot = env('BENCH_API_ROOT');
const redisUrl = env('REDIS_URL');
const groups = env('BENCH_GROUPS').split(',').map(Number);
const logger = silentLogger();
const redis = createRedisClient(redisUrl, { logger, name: `bench-${side}` });
const prefix = `bench-${side}-${process.pid}`;

/**
 * The api as a bot with connection method rest reaches it: HTTP under its one `bot` key,
 * through the api's rate limit at the limits API_RATE_* give it (the defaults unless set),
 * buckets in Redis as in a cluster. The api listens on BENCH_API_PORT; bench/bot.ts reads
 * its /metrics for the 429s it answered.
 */
async function restApi(services: Services): Promise<ApiClient> {
  const key = 'bench-bot-key-0123456789abcdef';
  const registry = createRegistry();
  const rateLimit = createApiRateLimit({ limits: rateLimitsFromEnv(parseEnv(platformEnvSchema, process.env)), redisUrl, prefix, logger, registry });
  await rateLimit.ready();
  const app = createApiApp({
    telemetry: { logger, registry, health: new Health() },
    services,
    auth: { keys: parseApiKeys(`bot:${key}`) },
    rateLimit: rateLimit.middleware,
  });
  await listen(app, Number(env('BENCH_API_PORT')));
  return restApiClient(new RestTransport({ baseUrl: () => `http://127.0.0.1:${env('BENCH_API_PORT')}`, apiKey: key }));
}

let handleUpdate: (u: Update) => Promise<void>;
if (side === 'full' || side === 'rest') {
  const services = createServices(createMemoryStore());
  const api = side === 'rest' ? await restApi(services) : inProcessApiClient(services, 'bot');
  // Antiflood and locks on: every message is counted in Redis and checked against the locks.
  for (const id of groups) {
    await api.createGroup({ group_id: id, name: `Bench ${id}` });
    await api.updateSettings(id, { antiflood: { enabled: true, limit: 100, window_s: 1, action: 'mute' }, locks: ['links', 'forwards', 'stickers'] });
  }
  const bot = await createBot({
    token,
    apiRoot,
    api,
    kv: new RedisKv(redis, prefix, logger),
    logger,
    metrics: createRegistry(),
    pacer: createSendPacer({ redis, keyPrefix: prefix, botId: token.split(':')[0] ?? '0', logger }),
  });
  handleUpdate = (u) => bot.handleUpdate(u);
} else {
  const bare = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });
  bare.botInfo = await bare.telegram.getMe();
  bare.on('message', () => undefined);
  handleUpdate = (u) => bare.handleUpdate(u);
}

const hook = createWebhookHandler({
  secretToken: env('BENCH_SECRET'),
  dedup: new UpdateDedup({ redis, keyPrefix: prefix, botId: 1, logger }),
  handleUpdate,
  logger,
  respond: 'after-handling',
});
const app = express();
app.get('/healthz', (_req, res) => void res.json({ ok: true }));
app.use('/telegram/webhook', hook.router);
app.listen(Number(env('PORT')), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
