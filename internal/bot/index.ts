// The telegraf bot: createBot builds it without transport; features live in features/ and automod/.
export { createBot, type BotInstance, type BotOptions } from './bot.js';
export type { CommandSpec } from './commands/command.js';
export { MemoryKv, RedisKv, type BotKv } from './state/kv.js';
