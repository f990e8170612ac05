import { z } from 'zod';
import { groupId } from '../domain/index.js';
import type { Actor } from './api-client.js';

/** Body of POST /bot/v1/groups/:groupId/messages: plain text, as the bot sends it. */
export const botMessageInput = z.strictObject({
  text: z.string().trim().min(1, 'text is empty').max(4096, 'Telegram messages hold at most 4096 characters'),
});
export type BotMessageInput = z.input<typeof botMessageInput>;
export const botGroupId = groupId;

export const botStatusSchema = z.object({
  running: z.boolean(),
  mode: z.enum(['polling', 'webhook', 'off']),
  username: z.string().nullable(),
  /** Outbound Bot API calls waiting in the per-chat queues. */
  queue_depth: z.number().int(),
});
export type BotStatus = z.infer<typeof botStatusSchema>;

/**
 * What web asks of the bot. Like ApiClient: an in-process implementation (the bot's own
 * service object, when web hosts the bot) and a REST one, indistinguishable to the caller.
 */
/** Telegram holds a restriction shorter than 30 s or longer than 366 days as forever. */
export const MIN_SANCTION_S = 30;
export const MAX_SANCTION_S = 366 * 86_400;

/** Body of POST /bot/v1/groups/:groupId/moderation: what a person asks from the dashboard. */
export const botModerationInput = z.strictObject({
  action: z.enum(['warn', 'unwarn', 'mute', 'unmute', 'ban', 'unban']),
  user_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Seconds, for mute and ban; null or absent: until lifted. */
  duration: z
    .number()
    .int()
    .min(MIN_SANCTION_S, `Telegram keeps shorter restrictions forever: at least ${MIN_SANCTION_S} s`)
    .max(MAX_SANCTION_S)
    .nullable()
    .optional(),
  reason: z.string().trim().max(500).optional(),
});
export type BotModerationInput = z.input<typeof botModerationInput>;
export const botModerationResult = z.object({ action: z.string(), message: z.string() });
/** What was done, and the line the bot posted in the group about it. */
export type BotModerationResult = z.infer<typeof botModerationResult>;

export interface BotClient {
  sendMessage(groupId: number, input: BotMessageInput, actor?: Actor): Promise<{ message_id: number }>;
  /** Carried out on Telegram by the bot and recorded with source `web`, as `actor` (a person, who needs the rights in Telegram). */
  moderate(groupId: number, input: BotModerationInput, actor?: Actor): Promise<BotModerationResult>;
  status(): Promise<BotStatus>;
}
