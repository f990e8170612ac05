import { Composer, Context, Telegraf, type Middleware } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { ApiClient } from '../connect/api-client.js';
import { KeyedSerialQueue } from '../shared/keyed-serial-queue.js';
import type { Logger } from '../shared/logger.js';
import { counter, histogram, type MetricsRegistry } from '../shared/metrics.js';
import { automodFeature } from './automod/automod.feature.js';
import { ActivityRecorder } from './groups/activity.js';
import type { CommandSpec } from './commands/command.js';
import { commandRouter } from './commands/command-router.js';
import { syncGroupCountsLater } from './groups/group-counts.js';
import { ensureGroup, markInactiveIfGone } from './groups/group-registry.js';
import type { BotDeps } from './bot-deps.js';
import type { Feature } from './features/feature.js';
import { GroupConfig } from './groups/group-config.js';
import { Notifier } from './messages/notifier.js';
import { trackMember } from './groups/members.js';
import { automodSettingsFeature } from './features/automod-settings.feature.js';
import { bansFeature } from './features/bans.feature.js';
import { dashboardFeature } from './features/dashboard.feature.js';
import { helpFeature } from './features/help.feature.js';
import { infoFeature } from './features/info.feature.js';
import { membersFeature } from './features/members.feature.js';
import { mutesFeature } from './features/mutes.feature.js';
import { pinsFeature } from './features/pins.feature.js';
import { promoteFeature } from './features/promote.feature.js';
import { purgeFeature } from './features/purge.feature.js';
import { reportFeature } from './features/report.feature.js';
import { rulesFeature } from './features/rules.feature.js';
import { settingsFeature } from './features/settings.feature.js';
import { warnsFeature } from './features/warns.feature.js';
import { installOutbound, MemorySendPacer, OutboundQueue, outboundContext, type OutboundLimits, type SendPacer } from './outbound/index.js';
import { AdminCache, type AdminEntry } from './permissions/admin-cache.js';
import type { BotKv } from './state/kv.js';
import { LocalMemo } from './state/local-memo.js';

export interface BotOptions {
  token: string;
  /** The Bot API root; tests point it at the fake server. */
  apiRoot?: string;
  api: ApiClient;
  kv: BotKv;
  logger: Logger;
  metrics: MetricsRegistry;
  now?: () => number;
  /** Pacing buckets: shared through Redis in clusters (createSendPacer), per process otherwise. */
  pacer?: SendPacer;
  /** Telegram's flood limits by default; tests loosen them. */
  limits?: Partial<OutboundLimits>;
  activityFlushMs?: number;
  /** Where the dashboard is (WEB_PUBLIC_URL), for /dashboard; unset, /dashboard says so. */
  dashboardUrl?: string | undefined;
}

export interface BotInstance {
  telegraf: Telegraf;
  deps: BotDeps;
  commands: readonly CommandSpec[];
  handleUpdate(update: Update): Promise<void>;
  /** setMyCommands with every command's one-line description. */
  publishCommands(): Promise<void>;
  /** Writes pending statistics now (tests, shutdown). */
  flush(): Promise<void>;
  /** Outbound Bot API calls queued or in flight. */
  queueDepth(): number;
  /** Resolves once background messages and the outbound queue are done (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const updateType = (u: Update) => Object.keys(u).find((k) => k !== 'update_id') ?? 'unknown';

/** The bot without transport: feed it updates (webhook or polling decide how). */
export async function createBot(opts: BotOptions): Promise<BotInstance> {
  // webhookReply off: a moderation call answered inside the webhook response can't be
  // checked for success, and a lost one would be a silent failure.
  // Every context gets the bot's one Telegram instance (telegraf would build a fresh one
  // per update), so ctx.reply goes through the same outbound queue as moderation calls.
  const telegraf: Telegraf = new Telegraf(opts.token, {
    telegram: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), webhookReply: false },
    handlerTimeout: 120_000,
    contextType: outboundContext(Context, () => telegraf.telegram),
  });
  let onForbidden: (chatId: number) => Promise<void> = () => Promise.resolve();
  let onAdminsLoaded: (chatId: number, admins: readonly AdminEntry[]) => void = () => undefined;
  const queue = new OutboundQueue({
    logger: opts.logger,
    registry: opts.metrics,
    pacer: opts.pacer ?? new MemorySendPacer(),
    limits: opts.limits,
    onForbidden: (chatId) => onForbidden(Number(chatId)),
  });
  installOutbound(telegraf.telegram, queue);
  const me = await telegraf.telegram.getMe();
  telegraf.botInfo = me;
  const now = opts.now ?? Date.now;
  const deps: BotDeps = {
    api: opts.api,
    telegram: telegraf.telegram,
    kv: opts.kv,
    memo: new LocalMemo(),
    admins: new AdminCache(telegraf.telegram, opts.kv, (chatId, admins) => onAdminsLoaded(chatId, admins)),
    config: new GroupConfig(opts.api, now),
    activity: new ActivityRecorder(opts.api, opts.logger, opts.activityFlushMs),
    notify: new Notifier(telegraf.telegram, opts.logger, opts.metrics),
    logger: opts.logger,
    metrics: opts.metrics,
    now,
    me: { id: me.id, username: me.username },
  };
  // Chats whose membership is being asked about: the question's own 403 must not ask again.
  const checking = new Set<number>();
  onForbidden = (chatId) => {
    // One 403 is no proof the bot is gone: Telegram is asked first. In the background, since
    // this runs inside the refused call's queue slot and the question queues behind it.
    if (chatId >= 0 || checking.has(chatId)) return Promise.resolve();
    checking.add(chatId);
    deps.notify.track(markInactiveIfGone(deps, chatId).finally(() => checking.delete(chatId)));
    return Promise.resolve();
  };
  onAdminsLoaded = (chatId, admins) => syncGroupCountsLater(deps, chatId, admins.length);

  const settings = settingsFeature(deps);
  const features: Feature[] = [
    bansFeature(),
    mutesFeature(),
    warnsFeature(),
    purgeFeature(),
    pinsFeature(),
    promoteFeature(),
    rulesFeature(),
    settings,
    automodSettingsFeature(),
    infoFeature(),
    reportFeature(deps),
    membersFeature(deps),
    dashboardFeature(opts.dashboardUrl),
  ];
  const commands: CommandSpec[] = [];
  features.push(helpFeature(() => commands));
  for (const f of features) commands.push(...f.commands);

  const updates = counter(opts.metrics, 'bot_updates_total', 'Updates received, by type', ['type']);
  const errors = counter(opts.metrics, 'bot_errors_total', 'Failures while handling updates, by type', ['error_type']);
  const timing = histogram(opts.metrics, 'bot_response_time_seconds', 'Time to handle an update, by handler', ['handler']);

  telegraf.use(async (ctx, next) => {
    const type = updateType(ctx.update);
    updates.inc({ type });
    const end = timing.startTimer({ handler: type });
    try {
      await next();
    } finally {
      end();
    }
  });
  telegraf.use(oneAtATimePerChat());
  telegraf.use(observeGroupTraffic(deps));
  telegraf.use(commandRouter(deps, commands));
  for (const f of features) if (f.composer) telegraf.use(f.composer);
  telegraf.use(automodFeature(deps).composer ?? new Composer());

  telegraf.catch((err, ctx) => {
    errors.inc({ error_type: err instanceof Error ? err.constructor.name : 'unknown' });
    opts.logger.error('update failed', {
      update_id: ctx.update.update_id,
      type: updateType(ctx.update),
      error: (err as Error).message,
      stack: (err as Error).stack,
    });
  });

  return {
    telegraf,
    deps,
    commands,
    handleUpdate: (update) => telegraf.handleUpdate(update),
    async publishCommands() {
      await telegraf.telegram.setMyCommands(commands.map((c) => ({ command: c.name, description: c.description.slice(0, 256) })));
    },
    flush: () => deps.activity.flush(),
    queueDepth: () => queue.size(),
    async idle() {
      await deps.notify.idle();
      await queue.drain(30_000);
    },
    async close() {
      await deps.notify.idle();
      await deps.activity.close();
      await queue.close();
    },
  };
}

/**
 * Every group message: make sure the group is registered, count it for statistics and
 * keep the sender's profile current, then pass it on. Sends nothing.
 */
function observeGroupTraffic(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('message', async (ctx, next) => {
    const m = ctx.message;
    if ((m.chat.type === 'group' || m.chat.type === 'supergroup') && !('migrate_to_chat_id' in m) && !('migrate_from_chat_id' in m)) {
      // The notice of the bot's own removal is no sign of life: it must not make the group active again.
      const botLeft = 'left_chat_member' in m && m.left_chat_member.id === deps.me.id;
      if (!botLeft) await ensureGroup(deps, m.chat.id, m.chat.title);
      const fromChannel = 'sender_chat' in m && m.sender_chat;
      if (!fromChannel && !m.from.is_bot) {
        deps.activity.message(m.chat.id, m.from.id);
        await trackMember(deps, m.chat.id, m.from);
      }
    }
    return next();
  });
  return composer;
}

/**
 * Updates of one chat are handled one after another, in arrival order. Webhook deliveries
 * and polling batches are handled concurrently, and each handler awaits the api before it
 * calls Telegram, so without this a /mute followed by /unmute could reach Telegram reversed.
 * Different chats still run in parallel.
 */
function oneAtATimePerChat(): Middleware<Context> {
  const chats = new KeyedSerialQueue<number>();
  return async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return next();
    return chats.run(chatId, () => next());
  };
}
