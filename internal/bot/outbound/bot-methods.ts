/**
 * How the outbound queue treats each Bot API method. Telegram's flood limits are about
 * messages a chat sees (about 1 a second per chat, 20 a minute per group); moderation and
 * reads are only held to the bot-wide rate.
 */
export type MethodKind = 'message' | 'other';

// Everything that puts (or rewrites) a message in a chat counts against the chat's budget.
const MESSAGE_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendAudio',
  'sendDocument',
  'sendVideo',
  'sendAnimation',
  'sendVoice',
  'sendVideoNote',
  'sendPaidMedia',
  'sendMediaGroup',
  'sendLocation',
  'sendVenue',
  'sendContact',
  'sendPoll',
  'sendDice',
  'sendSticker',
  'sendInvoice',
  'sendGame',
  'copyMessage',
  'copyMessages',
  'forwardMessage',
  'forwardMessages',
  'editMessageText',
  'editMessageCaption',
  'editMessageMedia',
  'editMessageReplyMarkup',
  'editMessageLiveLocation',
  'stopMessageLiveLocation',
  'stopPoll',
]);

/** Long polling must never wait behind outbound traffic (and is not an outbound message). */
export const BYPASS_METHODS: ReadonlySet<string> = new Set(['getUpdates']);

export function methodKind(method: string): MethodKind {
  return MESSAGE_METHODS.has(method) ? 'message' : 'other';
}

/**
 * Whether repeating the call after a dropped connection is harmless. A request that died
 * mid-flight may already have been applied: sending or editing twice would post a duplicate
 * (or fail with "message is not modified"), while a second ban, restrict, delete or read
 * converges on the same state.
 */
export function isIdempotent(method: string): boolean {
  return !MESSAGE_METHODS.has(method);
}

/** The chat a call addresses, as a stable string key; undefined for chat-less calls. */
export function chatKeyOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const chatId: unknown = (payload as { chat_id?: unknown }).chat_id;
  if (typeof chatId === 'number' && Number.isFinite(chatId)) return String(chatId);
  if (typeof chatId === 'string' && chatId !== '') return chatId;
  return undefined;
}

/** Groups and supergroups have negative ids; they get the extra per-minute budget. */
export function isGroupChat(chatKey: string): boolean {
  return chatKey.startsWith('-');
}
