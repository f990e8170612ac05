import type { Redis } from 'ioredis';
import type { ApiClient } from '../connect/api-client.js';
import type { BotClient } from '../connect/bot-client.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import { closeRedis, createRedisClient, whenReady } from '../shared/redis/index.js';
import { createBot, type BotInstance } from './bot.js';
import { webhookPathFor, webhookSecretFor } from './bot.config.js';
import { botService } from './bot.service.js';
import { moderateForWeb } from './moderation/web-moderation.js';
import { createSendPacer } from './outbound/index.js';
import { MemoryKv, RedisKv } from './state/kv.js';
import { createWebhookHandler, PollingLock, setWebhook, startPolling, UpdateDedup, type PollingRun, type WebhookHandler } from './transport/index.js';

export interface BotRuntimeOptions {
  token: string | undefined;
  mode: 'polling' | 'webhook';
  /** As configured; the secret and path are derived when unset (see bot.config.ts). */
  webhook?: { url: string | undefined; secret: string | undefined; path: string | undefined };
  apiRoot?: string | undefined;
  redisUrl?: string | undefined;
  keyPrefix: string;
  /** WEB_PUBLIC_URL: where /dashboard sends people. */
  dashboardUrl?: string | undefined;
  api: ApiClient;
  logger: Logger;
  metrics: MetricsRegistry;
}

/** The runtime options a bot or web process reads from its env (botEnvFields). */
export function botRuntimeEnv(env: {
  TELEGRAM_BOT_TOKEN?: string | undefined;
  BOT_MODE: 'polling' | 'webhook';
  TELEGRAM_API_ROOT?: string | undefined;
  WEBHOOK_URL?: string | undefined;
  WEBHOOK_SECRET?: string | undefined;
  WEBHOOK_PATH?: string | undefined;
  REDIS_URL?: string | undefined;
  REDIS_KEY_PREFIX: string;
  WEB_PUBLIC_URL?: string | undefined;
}): Pick<BotRuntimeOptions, 'token' | 'mode' | 'apiRoot' | 'webhook' | 'redisUrl' | 'keyPrefix' | 'dashboardUrl'> {
  return {
    token: env.TELEGRAM_BOT_TOKEN,
    mode: env.BOT_MODE,
    apiRoot: env.TELEGRAM_API_ROOT,
    webhook: { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET, path: env.WEBHOOK_PATH },
    redisUrl: env.REDIS_URL,
    keyPrefix: env.REDIS_KEY_PREFIX,
    dashboardUrl: env.WEB_PUBLIC_URL,
  };
}

export interface BotRuntime {
  instance: BotInstance | undefined;
  /** The BotClient web calls (in-process, or behind bot/v1). */
  service: BotClient;
  /** Express router for Telegram's webhook, in webhook mode. */
  webhook: { path: string; router: WebhookHandler['router'] } | undefined;
  /** Starts receiving updates (polling, or registering the webhook). */
  start(): Promise<void>;
  ready(): boolean;
  close(): Promise<void>;
}

/**
 * The bot with its transport and shared state, as cmd/bot and cmd/platform run it. Without
 * a token the rest of the platform still runs: the service answers "not connected".
 */
export async function startBotRuntime(o: BotRuntimeOptions): Promise<BotRuntime> {
  if (!o.token) {
    o.logger.info('bot not started: set TELEGRAM_BOT_TOKEN (from @BotFather) to run it; api and web work without it');
    const service = botService({ telegram: undefined, api: o.api, mode: 'off', username: null, running: () => false, queueDepth: () => 0 });
    return { instance: undefined, service, webhook: undefined, start: () => Promise.resolve(), ready: () => true, close: () => Promise.resolve() };
  }
  const token = o.token;
  const botId = token.split(':')[0] ?? 'bot';
  const redis: Redis | undefined = o.redisUrl ? createRedisClient(o.redisUrl, { logger: o.logger, name: 'bot' }) : undefined;
  const kv = redis ? new RedisKv(redis, `${o.keyPrefix}:bot:${botId}`, o.logger) : new MemoryKv();
  const instance = await createBot({
    token,
    apiRoot: o.apiRoot,
    api: o.api,
    kv,
    logger: o.logger,
    metrics: o.metrics,
    pacer: createSendPacer({ redis, keyPrefix: o.keyPrefix, botId, logger: o.logger }),
    dashboardUrl: o.dashboardUrl,
  });
  let polling: PollingRun | undefined;
  let receiving = false;
  const secret = webhookSecretFor(token, o.webhook?.secret);
  const path = webhookPathFor(o.webhook?.path, o.webhook?.url);
  const hook =
    o.mode === 'webhook'
      ? createWebhookHandler({
          secretToken: secret,
          dedup: new UpdateDedup({ redis, keyPrefix: o.keyPrefix, botId, logger: o.logger }),
          handleUpdate: (u) => instance.handleUpdate(u),
          logger: o.logger,
          registry: o.metrics,
        })
      : undefined;
  const service = botService({
    telegram: instance.telegraf.telegram,
    api: o.api,
    mode: o.mode,
    username: instance.deps.me.username,
    running: () => receiving,
    queueDepth: () => instance.queueDepth(),
    moderate: (groupId, input, actorId) => moderateForWeb(instance.deps, groupId, input, actorId),
  });
  return {
    instance,
    service,
    webhook: hook ? { path, router: hook.router } : undefined,
    async start() {
      await instance.publishCommands().catch((err: unknown) => o.logger.warn('setMyCommands failed', { error: (err as Error).message }));
      if (o.mode === 'webhook') {
        if (!o.webhook?.url) throw new Error('webhook mode needs WEBHOOK_URL');
        await setWebhook({ telegram: instance.telegraf.telegram, url: o.webhook.url, secretToken: secret });
      } else {
        // The lock needs a live connection (commands aren't queued offline); give it a moment.
        if (redis && !(await whenReady(redis, 5000))) throw new Error('redis not reachable within 5000 ms; polling needs its lock');
        const lock = redis
          ? new PollingLock({ redis, keyPrefix: o.keyPrefix, token, logger: o.logger, onLost: () => void polling?.stop('polling lock lost') })
          : undefined;
        polling = await startPolling({
          bot: instance.telegraf,
          logger: o.logger,
          lock,
          onStopped: (err) => {
            receiving = false;
            o.logger.error('polling stopped', { error: err === undefined ? 'polling lock lost or loop ended' : errorMessage(err) });
          },
        });
      }
      receiving = true;
      o.logger.info('bot receiving updates', { mode: o.mode, username: instance.deps.me.username });
    },
    ready: () => receiving,
    async close() {
      receiving = false;
      await polling?.stop('shutdown');
      await hook?.drain(5000);
      await instance.close();
      if (redis) await closeRedis(redis);
    },
  };
}
