// One side of bench/bot.ts, as its own process so its RSS is its own: the platform's bot
// (BENCH_SIDE=full) or a bare telegraf bot with a no-op handler (BENCH_SIDE=bare), both
// behind the same webhook route (secret check, update_id de-duplication through Redis),
// answering once the update is handled so the load generator's latency is handling latency.
import express from 'express';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createBot } from '../../internal/bot/index.js';
import { RedisKv } from '../../internal/bot/state/kv.js';
import { createRateLimiter } from '../../internal/bot/outbound/index.js';
import { createWebhookHandler, UpdateDedup } from '../../internal/bot/transport/index.js';
import { createRedisClient } from '../../internal/cache/redis-client.js';
import { inProcessApiClient } from '../../internal/connect/api.in-process.js';
import { createServices } from '../../internal/domain/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { createRegistry, silentLogger } from '../../internal/shared/index.js';

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

let handleUpdate: (u: Update) => Promise<void>;
if (side === 'full') {
  const services = createServices(createMemoryStore());
  const api = inProcessApiClient(services);
  // Antiflood and locks on: every message is counted in Redis and checked against the locks.
  for (const id of groups) {
    await api.createGroup({ group_id: id, name: `Bench ${id}` });
    await api.updateSettings(id, { antiflood: { enabled: true, limit: 100, window_s: 1, action: 'mute' }, locks: ['links', 'forwards', 'stickers'] });
  }
  const bot = await createBot({ token, apiRoot, api, kv: new RedisKv(redis, prefix, logger), logger, metrics: createRegistry(), limiter: createRateLimiter({ redis, keyPrefix: prefix, botId: token.split(':')[0] ?? '0', logger }) });
  handleUpdate = (u) => bot.handleUpdate(u);
} else {
  const bare = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });
  bare.botInfo = await bare.telegram.getMe();
  bare.on('message', () => undefined);
  handleUpdate = (u) => bare.handleUpdate(u);
}

const hook = createWebhookHandler({ secretToken: env('BENCH_SECRET'), dedup: new UpdateDedup({ redis, keyPrefix: prefix, botId: 1, logger }), handleUpdate, logger, respond: 'after-handling' });
const app = express();
app.get('/healthz', (_req, res) => void res.json({ ok: true }));
app.use('/telegram/webhook', hook.router);
app.listen(Number(env('PORT')), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
