import { computeEntities } from '../entities.js';
import { BotApiError } from '../errors.js';
import { plainText } from '../format.js';
import { optArray, optBool, optInt, optObject, optString, reqChatId, reqInt } from '../params.js';
import { toApiMessage } from '../render.js';
import type { FakeChat, StoredMessage } from '../types.js';
import type { MethodContext, MethodHandler } from './handler.js';

const MAX_TEXT = 4096;
/** Telegram refuses to delete messages older than 48 hours. */
const DELETE_WINDOW_S = 48 * 3600;

function requireCanSend(ctx: MethodContext, chat: FakeChat): void {
  const me = ctx.state.member(chat.id, ctx.state.botUser.id);
  if (me.status === 'restricted' && me.permissions?.can_send_messages === false) {
    throw BotApiError.badRequest('not enough rights to send text messages to the chat');
  }
}

/** reply_parameters (Bot API 7.0) or the legacy reply_to_message_id. */
function replyTarget(ctx: MethodContext, chat: FakeChat): number | undefined {
  const params = optObject(ctx.params, 'reply_parameters');
  const id = params ? Number(params['message_id']) : optInt(ctx.params, 'reply_to_message_id');
  if (id === undefined || Number.isNaN(id)) return undefined;
  const allowWithout = params ? params['allow_sending_without_reply'] === true : optBool(ctx.params, 'allow_sending_without_reply') === true;
  if (ctx.state.message(chat.id, id)) return id;
  if (allowWithout) return undefined;
  throw BotApiError.badRequest('message to be replied not found');
}

function checkedText(ctx: MethodContext): { text: string; parseMode: string | undefined } {
  const raw = optString(ctx.params, 'text') ?? '';
  const parseMode = optString(ctx.params, 'parse_mode');
  const text = plainText(raw, parseMode);
  if (text.trim() === '') throw BotApiError.badRequest('message text is empty');
  if (text.length > MAX_TEXT) throw BotApiError.badRequest('message is too long');
  return { text, parseMode };
}

/**
 * Telegram's rules for inline buttons the fake enforces: a `web_app` button only in a private
 * chat (BUTTON_TYPE_INVALID elsewhere) and only to an https URL; a `url` button to http(s) or tg.
 */
function checkInlineKeyboard(chat: FakeChat, markup: Record<string, unknown> | undefined): void {
  const rows = markup?.['inline_keyboard'];
  if (!Array.isArray(rows)) return;
  for (const row of rows as unknown[]) {
    for (const button of Array.isArray(row) ? (row as Record<string, unknown>[]) : []) {
      const webApp = button['web_app'] as { url?: unknown } | undefined;
      if (webApp !== undefined) {
        if (chat.type !== 'private') throw BotApiError.badRequest('BUTTON_TYPE_INVALID');
        if (typeof webApp.url !== 'string' || !webApp.url.startsWith('https://')) throw BotApiError.badRequest('BUTTON_URL_INVALID');
      }
      const url = button['url'];
      if (url !== undefined && (typeof url !== 'string' || !/^(https?|tg):\/\/[^\s]+$/.test(url))) throw BotApiError.badRequest('BUTTON_URL_INVALID');
    }
  }
}

const sendMessage: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  requireCanSend(ctx, chat);
  const { text, parseMode } = checkedText(ctx);
  const replyToId = replyTarget(ctx, chat);
  const replyMarkup = optObject(ctx.params, 'reply_markup');
  checkInlineKeyboard(chat, replyMarkup);
  const entities = optArray(ctx.params, 'entities') ?? (parseMode ? [] : computeEntities(text));
  const msg = ctx.state.storeMessage({
    chatId: chat.id,
    fromId: ctx.state.botUser.id,
    date: ctx.state.now(),
    text,
    entities,
    ...(parseMode !== undefined ? { parseMode } : {}),
    ...(replyToId !== undefined ? { replyToId } : {}),
    ...(replyMarkup ? { replyMarkup } : {}),
  });
  return toApiMessage(ctx.state, msg);
};

function ownMessage(ctx: MethodContext, notFound: string): { chat: FakeChat; msg: StoredMessage } | undefined {
  if (optString(ctx.params, 'inline_message_id') !== undefined) return undefined;
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  const msg = ctx.state.message(chat.id, reqInt(ctx.params, 'message_id'));
  if (!msg) throw BotApiError.badRequest(notFound);
  if (msg.fromId !== ctx.state.botUser.id) throw BotApiError.badRequest("message can't be edited");
  return { chat, msg };
}

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const editMessageText: MethodHandler = (ctx) => {
  const found = ownMessage(ctx, 'message to edit not found');
  if (!found) return true;
  const { text, parseMode } = checkedText(ctx);
  const replyMarkup = optObject(ctx.params, 'reply_markup');
  const { msg } = found;
  if (msg.text === text && JSON.stringify(msg.replyMarkup) === JSON.stringify(replyMarkup)) throw BotApiError.badRequest(NOT_MODIFIED);
  msg.text = text;
  msg.entities = optArray(ctx.params, 'entities') ?? (parseMode ? [] : computeEntities(text));
  if (parseMode !== undefined) msg.parseMode = parseMode;
  if (replyMarkup) msg.replyMarkup = replyMarkup;
  else delete msg.replyMarkup;
  msg.editDate = ctx.state.now();
  return toApiMessage(ctx.state, msg);
};

const editMessageReplyMarkup: MethodHandler = (ctx) => {
  const found = ownMessage(ctx, 'message to edit not found');
  if (!found) return true;
  const replyMarkup = optObject(ctx.params, 'reply_markup');
  const { msg } = found;
  if (JSON.stringify(msg.replyMarkup) === JSON.stringify(replyMarkup)) throw BotApiError.badRequest(NOT_MODIFIED);
  if (replyMarkup) msg.replyMarkup = replyMarkup;
  else delete msg.replyMarkup;
  msg.editDate = ctx.state.now();
  return toApiMessage(ctx.state, msg);
};

/**
 * Telegram's deletion rules: nothing older than 48 h; the bot's own messages always; others'
 * only as a basic-group admin or a supergroup admin with can_delete_messages.
 */
function deletable(ctx: MethodContext, chat: FakeChat, msg: StoredMessage): string | undefined {
  if (ctx.state.now() - msg.date > DELETE_WINDOW_S) return "message can't be deleted";
  if (msg.fromId === ctx.state.botUser.id) return undefined;
  const allowed = chat.type === 'group' ? ctx.state.isBotAdmin(chat.id) : ctx.state.botHas(chat.id, 'can_delete_messages');
  return allowed ? undefined : "message can't be deleted for everyone";
}

const deleteMessage: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  const id = reqInt(ctx.params, 'message_id');
  const msg = ctx.state.message(chat.id, id);
  if (!msg) throw BotApiError.badRequest('message to delete not found');
  const refusal = deletable(ctx, chat, msg);
  if (refusal) throw BotApiError.badRequest(refusal);
  ctx.state.deleteMessage(chat.id, id);
  return true;
};

/** 1 to 100 ids; ids that are missing or can't be deleted are skipped, as documented. */
const deleteMessages: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  const ids = optArray(ctx.params, 'message_ids');
  if (!ids || ids.length === 0) throw BotApiError.badRequest('message identifiers are not specified');
  if (ids.length > 100) throw BotApiError.badRequest('too many message identifiers specified');
  for (const raw of ids) {
    const id = Number(raw);
    const msg = ctx.state.message(chat.id, id);
    if (msg && deletable(ctx, chat, msg) === undefined) ctx.state.deleteMessage(chat.id, id);
  }
  return true;
};

function requirePinRights(ctx: MethodContext, chat: FakeChat): void {
  const ok = chat.type === 'group' ? ctx.state.isBotAdmin(chat.id) : ctx.state.botHas(chat.id, 'can_pin_messages');
  if (!ok) throw BotApiError.badRequest('not enough rights to manage pinned messages in the chat');
}

const pinChatMessage: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  requirePinRights(ctx, chat);
  const msg = ctx.state.message(chat.id, reqInt(ctx.params, 'message_id'));
  if (!msg) throw BotApiError.badRequest('message to pin not found');
  msg.pinned = true;
  msg.pinnedSeq = ctx.state.takePinSeq();
  return true;
};

/** Without message_id Telegram unpins the most recently pinned message. */
const unpinChatMessage: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  requirePinRights(ctx, chat);
  const id = optInt(ctx.params, 'message_id');
  const pinned = [...ctx.state.messagesIn(chat.id).values()].filter((m) => m.pinned);
  const msg = id === undefined ? pinned.sort((a, b) => (b.pinnedSeq ?? 0) - (a.pinnedSeq ?? 0))[0] : ctx.state.message(chat.id, id);
  if (id !== undefined && !msg) throw BotApiError.badRequest('message to unpin not found');
  if (msg) msg.pinned = false;
  return true;
};

const unpinAllChatMessages: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  requirePinRights(ctx, chat);
  for (const msg of ctx.state.messagesIn(chat.id).values()) msg.pinned = false;
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  pinChatMessage,
  unpinChatMessage,
  unpinAllChatMessages,
};
