// Outbound Bot API traffic: one queue per chat, paced to Telegram's flood limits, shared
// across replicas through Redis (issue #5 item 6).
export { OutboundQueue, OutboundClosedError, DEFAULT_LIMITS, type OutboundLimits, type OutboundQueueOptions } from './outbound.queue.js';
export { installOutbound, outboundContext, useOutbound } from './install-outbound.js';
export { createSendPacer, RedisSendPacer, type SendPacerOptions } from './send-pacing.redis.js';
export { MemorySendPacer, gcra, type Bucket, type SendPacer } from './send-pacing.js';
export { methodKind, isIdempotent, chatKeyOf, isGroupChat, type MethodKind } from './bot-methods.js';
export { classifyFailure, type Failure } from './telegram-failure.js';
