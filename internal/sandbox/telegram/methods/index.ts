import { botMethods } from './bot.methods.js';
import type { MethodHandler } from './handler.js';
import { memberMethods } from './members.methods.js';
import { messageMethods } from './messages.methods.js';

export type { MethodContext, MethodHandler } from './handler.js';

/** Methods the fake models with Telegram's semantics. */
export const MODELLED_METHODS: Record<string, MethodHandler> = { ...botMethods, ...memberMethods, ...messageMethods };

/**
 * The rest of the real Bot API. These are accepted permissively: recorded in the call log and
 * answered `true`, so a bot using them works, but nothing in the state changes. Tests that
 * depend on their result should read the call log (or extend the fake). Kept dense, like
 * Telegram's method index, rather than one name a line.
 */
// prettier-ignore
const OTHER_REAL_METHODS = [
  'logOut', 'close', 'forwardMessage', 'forwardMessages', 'copyMessage', 'copyMessages', 'sendPhoto', 'sendAudio',
  'sendDocument', 'sendVideo', 'sendAnimation', 'sendVoice', 'sendVideoNote', 'sendPaidMedia', 'sendMediaGroup',
  'sendLocation', 'sendVenue', 'sendContact', 'sendPoll', 'sendDice', 'sendChatAction', 'setMessageReaction',
  'getUserProfilePhotos', 'getFile', 'setChatAdministratorCustomTitle', 'banChatSenderChat', 'unbanChatSenderChat',
  'setChatPermissions', 'exportChatInviteLink', 'createChatInviteLink', 'editChatInviteLink', 'revokeChatInviteLink',
  'approveChatJoinRequest', 'declineChatJoinRequest', 'setChatPhoto', 'deleteChatPhoto', 'setChatTitle',
  'setChatDescription', 'getChatMenuButton', 'setChatMenuButton', 'setChatStickerSet', 'deleteChatStickerSet',
  'getForumTopicIconStickers', 'createForumTopic', 'editForumTopic', 'closeForumTopic', 'reopenForumTopic',
  'deleteForumTopic', 'unpinAllForumTopicMessages', 'editGeneralForumTopic', 'closeGeneralForumTopic',
  'reopenGeneralForumTopic', 'hideGeneralForumTopic', 'unhideGeneralForumTopic', 'unpinAllGeneralForumTopicMessages',
  'getUserChatBoosts', 'getBusinessConnection', 'setMyName', 'getMyName', 'setMyDescription', 'getMyDescription',
  'setMyShortDescription', 'getMyShortDescription', 'setMyDefaultAdministratorRights', 'getMyDefaultAdministratorRights',
  'editMessageCaption', 'editMessageMedia', 'editMessageLiveLocation', 'stopMessageLiveLocation', 'stopPoll',
  'sendSticker', 'getStickerSet', 'getCustomEmojiStickers', 'uploadStickerFile', 'createNewStickerSet',
  'addStickerToSet', 'setStickerPositionInSet', 'deleteStickerFromSet', 'replaceStickerInSet', 'setStickerEmojiList',
  'setStickerKeywords', 'setStickerMaskPosition', 'setStickerSetTitle', 'setStickerSetThumbnail',
  'setCustomEmojiStickerSetThumbnail', 'deleteStickerSet', 'answerInlineQuery', 'answerWebAppQuery',
  'sendInvoice', 'createInvoiceLink', 'answerShippingQuery', 'answerPreCheckoutQuery', 'getStarTransactions',
  'refundStarPayment', 'setPassportDataErrors', 'sendGame', 'setGameScore', 'getGameHighScores',
];

const permissive: MethodHandler = () => true;

const byLowerName = new Map<string, { name: string; handler: MethodHandler }>();
for (const name of OTHER_REAL_METHODS) byLowerName.set(name.toLowerCase(), { name, handler: permissive });
for (const [name, handler] of Object.entries(MODELLED_METHODS)) byLowerName.set(name.toLowerCase(), { name, handler });

/** Bot API method names are case-insensitive; unknown names get undefined (404 upstream). */
export function resolveMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return byLowerName.get(name.toLowerCase());
}
