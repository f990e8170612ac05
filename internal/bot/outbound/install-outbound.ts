import { Context, type Telegraf, type Telegram } from 'telegraf';
import { BYPASS_METHODS } from './bot-methods.js';
import type { OutboundQueue } from './outbound.queue.js';

type CallApi = Telegram['callApi'];
type LooseCallApi = (method: string, payload: unknown, options?: Parameters<CallApi>[2]) => Promise<unknown>;

const installed = new WeakMap<Telegram, OutboundQueue>();

/**
 * Routes every call made through this Telegram instance (telegram.banChatMember,
 * ctx.reply, ...) through `queue`, by wrapping the instance's own callApi: the typed
 * telegraf methods all end there. Idempotent per instance.
 *
 * Forces webhookReply off: a call answered inside the webhook response gets no result and
 * no error, so a failed ban would look applied, and it would bypass the queue's order.
 */
export function installOutbound(telegram: Telegram, queue: OutboundQueue): Telegram {
  const current = installed.get(telegram);
  if (current === queue) return telegram;
  if (current) throw new Error('installOutbound: this Telegram instance already uses another outbound queue');
  telegram.webhookReply = false;
  const original = telegram.callApi.bind(telegram) as unknown as LooseCallApi;
  const wrapped: LooseCallApi = (method, payload, options) => {
    // getUpdates is a 50 s long poll: queueing it would stall every other call.
    if (BYPASS_METHODS.has(method)) return original(method, payload, options);
    return queue.enqueue(method, payload, () => original(method, payload, options));
  };
  telegram.callApi = wrapped as unknown as CallApi;
  installed.set(telegram, queue);
  return telegram;
}

type ContextClass<C extends Context> = new (...args: ConstructorParameters<typeof Context>) => C;

/**
 * A `contextType` whose contexts all use `getTelegram()` (the bot's own, queue-wrapped
 * instance) instead of the fresh Telegram telegraf builds for every update in
 * handleUpdate. Pass it when constructing the bot:
 *   const bot: Telegraf<C> = new Telegraf(token, { contextType: outboundContext(C, () => bot.telegram), ... })
 * The getter is read per update, so it may refer to the bot being constructed.
 */
export function outboundContext<C extends Context>(Base: ContextClass<C>, getTelegram: () => Telegram): ContextClass<C> {
  return class OutboundContext extends (Base as ContextClass<Context>) {
    constructor(...[update, , botInfo]: ConstructorParameters<typeof Context>) {
      super(update, getTelegram(), botInfo);
    }
  } as unknown as ContextClass<C>;
}

/**
 * Installs the queue on `bot.telegram` and, as a safety net for bots built without
 * `outboundContext`, on each update's own ctx.telegram. Register it before any other
 * middleware so no handler sees an unqueued instance.
 */
export function useOutbound<C extends Context>(bot: Telegraf<C>, queue: OutboundQueue): void {
  installOutbound(bot.telegram, queue);
  bot.use((ctx, next) => {
    installOutbound(ctx.telegram, queue);
    return next();
  });
}
