// A bot under test: the real createBot, the api's real service layer (memory store, or the
// api over HTTP), real Redis for the bot's shared state, and the fake Telegram Bot API.
import type { Redis } from 'ioredis';
import type { Update } from 'telegraf/types';
import { createBot, RedisKv, type BotInstance, type BotOptions } from '../../internal/bot/index.js';
import type { ApiClient } from '../../internal/connect/api-client.js';
import { inProcessApiClient } from '../../internal/connect/api.in-process.js';
import { createServices, type Services } from '../../internal/domain/index.js';
import { closeRedis, createRedisClient } from '../../internal/shared/redis/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { createRegistry, silentLogger, type MetricsRegistry } from '../../internal/shared/index.js';
import { allRights, startFakeTelegram, type FakeTelegram } from '../../internal/sandbox/telegram/index.js';
import type { AdminRights, User } from '../../internal/sandbox/telegram/types.js';
import { testEnv, uniqueName } from '../harness/env.js';

let seq = 0;

const FAST: BotOptions['limits'] = {
  perChat: { intervalMs: 1, burst: 1000 },
  perGroup: { intervalMs: 1, burst: 1000 },
  global: { intervalMs: 1, burst: 1000 },
};

/** Admin rights with only the given ones on (the fake defaults an administrator to all). */
export const only = (rights: Partial<AdminRights>): AdminRights => ({ ...allRights(false), ...rights });
export const uid = () => 200_000 + ++seq * 100 + Math.floor(Math.random() * 100);

export interface SceneOptions {
  botRights?: Partial<AdminRights>;
  botStatus?: 'administrator' | 'member' | 'left';
  /** Defaults to the in-process api over a fresh memory store. */
  api?: (services: Services) => ApiClient;
  /** Telegram's real flood limits; the default loosens them so suites don't wait a second per reply. */
  realLimits?: boolean;
  /** Skip registering the group in the api (onboarding tests). */
  unregistered?: boolean;
  /** WEB_PUBLIC_URL, for /dashboard. */
  dashboardUrl?: string;
  /** The api's services, when another part of the test (web) shares them. */
  services?: Services;
}

export interface BotScene {
  fake: FakeTelegram;
  bot: BotInstance;
  services: Services;
  metrics: MetricsRegistry;
  redis: Redis;
  chatId: number;
  owner: User;
  /** An admin with only "Ban users" and "Delete messages". */
  mod: User;
  member: User;
  other: User;
  /** Lets the bot handle an update and waits until what it posted has gone out. */
  handle(update: Update): Promise<void>;
  /** Sends a text message as `from` and lets the bot handle it; answers the update. */
  say(from: User, text: string, opts?: { reply?: number; anonymous?: boolean }): Promise<Update>;
  /** Texts the bot sent to the chat since the last call. */
  replies(): string[];
  /** Bot API calls (not getUpdates/getMe) made since `mark`. */
  callsSince(mark: number, method?: string): { method: string; params: Record<string, unknown> }[];
  mark(): number;
  close(): Promise<void>;
}

export async function startBotScene(opts: SceneOptions = {}): Promise<BotScene> {
  const fake = await startFakeTelegram();
  const chatId = -1_000_000_000_000 - uid();
  const owner = fake.state.addUser({ id: uid(), first_name: 'Olga', username: `owner_${uid()}` });
  const mod = fake.state.addUser({ id: uid(), first_name: 'Mia', username: `mod_${uid()}` });
  const member = fake.state.addUser({ id: uid(), first_name: 'Max', last_name: 'Power', username: `member_${uid()}` });
  const other = fake.state.addUser({ id: uid(), first_name: 'Ned', username: `other_${uid()}` });
  fake.state.addChat({
    id: chatId,
    type: 'supergroup',
    title: 'Test group',
    creator: owner,
    bot: { status: opts.botStatus ?? 'administrator', rights: opts.botRights ?? {} },
  });
  fake.state.setMember(chatId, mod, { status: 'administrator', rights: only({ can_restrict_members: true, can_delete_messages: true }) });
  fake.state.setMember(chatId, member, { status: 'member' });
  fake.state.setMember(chatId, other, { status: 'member' });

  const services = opts.services ?? createServices(createMemoryStore());
  if (!opts.unregistered) await services.groups.create({ group_id: chatId, name: 'Test group' });
  const redis = createRedisClient((await testEnv.redis()).url, { logger: silentLogger(), name: 'bot-test' });
  const metrics = createRegistry();
  const bot = await createBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    api: (opts.api ?? ((sv: Services) => inProcessApiClient(sv, 'bot')))(services),
    kv: new RedisKv(redis, uniqueName('bot'), silentLogger()),
    logger: silentLogger(),
    metrics,
    activityFlushMs: 60_000,
    dashboardUrl: opts.dashboardUrl,
    ...(opts.realLimits ? {} : { limits: FAST }),
  });
  let seen = fake.calls.all().length;
  const actions = () => fake.calls.all().filter((c) => c.method !== 'getUpdates' && c.method !== 'getMe');
  return {
    fake,
    bot,
    services,
    metrics,
    redis,
    chatId,
    owner,
    mod,
    member,
    other,
    async handle(update) {
      await bot.handleUpdate(update);
      await bot.idle();
    },
    async say(from, text, o = {}) {
      const update = fake.updates.textMessage({
        chat: chatId,
        from,
        text,
        ...(o.reply ? { reply_to_message: o.reply } : {}),
        ...(o.anonymous ? { anonymous: true } : {}),
      });
      await bot.handleUpdate(update);
      await bot.idle();
      return update;
    },
    replies() {
      const all = fake.calls.all();
      const out = all
        .slice(seen)
        .filter((c) => c.method === 'sendMessage' && c.ok)
        .map((c) => String(c.params.text));
      seen = all.length;
      return out;
    },
    mark: () => actions().length,
    callsSince: (mark, method) =>
      actions()
        .slice(mark)
        .filter((c) => c.ok && (!method || c.method === method))
        .map((c) => ({ method: c.method, params: c.params })),
    async close() {
      await bot.close();
      await closeRedis(redis);
      await fake.stop();
    },
  };
}

/** The message_id of a text message update. */
export const idOf = (u: Update): number => ('message' in u && u.message ? u.message.message_id : 0);
