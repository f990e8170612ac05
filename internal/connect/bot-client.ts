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
export interface BotClient {
  sendMessage(groupId: number, input: BotMessageInput, actor?: Actor): Promise<{ message_id: number }>;
  status(): Promise<BotStatus>;
}
