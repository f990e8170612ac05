// The fake Telegram Bot API used by every bot test (DESIGN.md section 7).
export { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions, type WebhookDelivery } from './server.js';
export { FakeTelegramState, allPermissions, allRights, type AddChatOptions, type SetMemberOptions } from './state.js';
export { CallLog, type ApiResponse, type RecordedCall } from './call-log.js';
export { BotApiError } from './errors.js';
export type { Fault, FaultOptions } from './faults.js';
export type { HoldOptions } from './holds.js';
export { UpdateFactory, GROUP_ANONYMOUS_BOT, type ChatRef, type TextMessageInput, type UserRef } from './updates.js';
export { isAllowed, updateType } from './update-queue.js';
export type * from './types.js';
