import { BotApiError } from '../errors.js';
import { optArray, optBool, optInt, optObject, optString, reqChatId } from '../params.js';
import { toApiChat } from '../render.js';
import type { BotCommand } from '../types.js';
import type { MethodContext, MethodHandler } from './handler.js';

const getMe: MethodHandler = (ctx) => ctx.state.botUser;

const getChat: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  const full: Record<string, unknown> = { ...toApiChat(chat), accent_color_id: 0, max_reaction_count: 11 };
  if (chat.type !== 'private') full['permissions'] = chat.permissions;
  if (chat.description !== undefined) full['description'] = chat.description;
  const pinned = [...ctx.state.messagesIn(chat.id).values()].filter((m) => m.pinned).sort((a, b) => (b.pinnedSeq ?? 0) - (a.pinnedSeq ?? 0))[0];
  if (pinned) full['pinned_message'] = { message_id: pinned.message_id, date: pinned.date, chat: toApiChat(chat), text: pinned.text };
  return full;
};

const answerCallbackQuery: MethodHandler = (ctx) => {
  const id = optString(ctx.params, 'callback_query_id') ?? '';
  const query = ctx.state.callbackQueries.get(id);
  // A query can be answered once, and only one Telegram sent.
  if (!query || query.answered) throw BotApiError.badRequest('query is too old and response timeout expired or query ID is invalid');
  query.answered = {};
  const text = optString(ctx.params, 'text');
  if (text !== undefined) query.answered.text = text;
  const alert = optBool(ctx.params, 'show_alert');
  if (alert !== undefined) query.answered.show_alert = alert;
  const url = optString(ctx.params, 'url');
  if (url !== undefined) query.answered.url = url;
  return true;
};

/** Commands are stored per scope and language, like Telegram's command lists. */
function commandsKey(ctx: MethodContext): string {
  const scope = optObject(ctx.params, 'scope') ?? { type: 'default' };
  return JSON.stringify({ scope, language_code: optString(ctx.params, 'language_code') ?? '' });
}

const setMyCommands: MethodHandler = (ctx) => {
  const list = optArray(ctx.params, 'commands');
  if (!list) throw BotApiError.badRequest('parameter "commands" is required');
  if (list.length > 100) throw BotApiError.badRequest('too many commands');
  const commands: BotCommand[] = list.map((item) => {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const command = typeof entry['command'] === 'string' ? entry['command'] : '';
    const description = typeof entry['description'] === 'string' ? entry['description'] : '';
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw BotApiError.badRequest('BOT_COMMAND_INVALID');
    if (description.length < 1 || description.length > 256) throw BotApiError.badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    return { command, description };
  });
  ctx.state.commands.set(commandsKey(ctx), commands);
  return true;
};

const getMyCommands: MethodHandler = (ctx) => ctx.state.commands.get(commandsKey(ctx)) ?? [];

const deleteMyCommands: MethodHandler = (ctx) => {
  ctx.state.commands.delete(commandsKey(ctx));
  return true;
};

/**
 * Unlike Telegram, plain http:// URLs are accepted so a local bot can receive pushes from
 * `deliverToWebhook`. An empty url removes the webhook, as in the real API.
 */
const setWebhook: MethodHandler = (ctx) => {
  const url = optString(ctx.params, 'url') ?? '';
  if (url === '') {
    ctx.state.webhook = undefined;
    return true;
  }
  if (!/^https?:\/\//.test(url)) throw BotApiError.badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const secretToken = optString(ctx.params, 'secret_token');
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw BotApiError.badRequest('secret token contains unallowed characters');
  }
  const allowed = optArray(ctx.params, 'allowed_updates')?.map(String);
  const previous = ctx.state.webhook;
  ctx.state.webhook = {
    url,
    maxConnections: optInt(ctx.params, 'max_connections') ?? 40,
    ...(secretToken !== undefined ? { secretToken } : {}),
    // Omitting allowed_updates keeps the previous setting, as documented.
    ...(allowed ? { allowedUpdates: allowed } : previous?.allowedUpdates ? { allowedUpdates: previous.allowedUpdates } : {}),
  };
  if (optBool(ctx.params, 'drop_pending_updates') === true) ctx.queue.dropPending();
  return true;
};

const deleteWebhook: MethodHandler = (ctx) => {
  ctx.state.webhook = undefined;
  if (optBool(ctx.params, 'drop_pending_updates') === true) ctx.queue.dropPending();
  return true;
};

/** The secret token is never echoed back by Telegram; tests read it from `state.webhook`. */
const getWebhookInfo: MethodHandler = (ctx) => {
  const hook = ctx.state.webhook;
  const info: Record<string, unknown> = { url: hook?.url ?? '', has_custom_certificate: false, pending_update_count: ctx.queue.pendingCount };
  if (hook) {
    info['max_connections'] = hook.maxConnections;
    if (hook.allowedUpdates) info['allowed_updates'] = hook.allowedUpdates;
  }
  return info;
};

const getUpdates: MethodHandler = async (ctx) => {
  if (ctx.state.webhook) {
    throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  }
  const allowedUpdates = optArray(ctx.params, 'allowed_updates')?.map(String);
  return await ctx.queue.poll({
    offset: optInt(ctx.params, 'offset'),
    limit: optInt(ctx.params, 'limit'),
    timeoutS: optInt(ctx.params, 'timeout') ?? 0,
    ...(allowedUpdates ? { allowedUpdates } : {}),
    signal: ctx.signal,
  });
};

export const botMethods: Record<string, MethodHandler> = {
  getMe,
  getChat,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getUpdates,
};
