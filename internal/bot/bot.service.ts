import { TelegramError, type Telegram } from 'telegraf';
import type { ApiClient } from '../connect/api-client.js';
import { botGroupId, botMessageInput, type BotClient, type BotModerationInput, type BotModerationResult, type BotStatus } from '../connect/bot-client.js';
import { parseInput } from '../shared/validation.js';
import { AppError, errorMessage } from '../shared/errors.js';

export interface BotServiceDeps {
  /** Undefined when the bot runs without a token. */
  telegram: Telegram | undefined;
  api: ApiClient;
  mode: BotStatus['mode'];
  username: string | null;
  running: () => boolean;
  queueDepth: () => number;
  /** Moderation for web (moderateForWeb over the bot's own deps); absent without a token. */
  moderate?: (groupId: number, input: BotModerationInput, actorId: number | undefined) => Promise<BotModerationResult>;
}

/**
 * What the bot does for web (BotClient, in-process side; the REST side is this object
 * behind bot/v1 routes). Messages go only to groups the platform knows and that are
 * active: a dashboard must not turn the bot into a spam cannon for arbitrary chat ids.
 */
export function botService(d: BotServiceDeps): BotClient {
  return {
    async sendMessage(groupId, input, actor) {
      const gid = parseInput(botGroupId, groupId, 'group id');
      const { text } = parseInput(botMessageInput, input, 'body');
      const group = await d.api.getGroup(gid);
      if (!group.is_active) throw AppError.conflict(`the bot is no longer in group ${gid}`);
      // Sending needs only the token: hybrid's in-process side sends while another pod polls.
      if (!d.telegram) throw new AppError('DEPENDENCY_UNAVAILABLE', 'the bot is not connected to Telegram (no TELEGRAM_BOT_TOKEN)');
      let sent: { message_id: number };
      try {
        sent = await d.telegram.sendMessage(gid, text);
      } catch (err) {
        throw telegramToAppError(err);
      }
      // In the audit log once Telegram has it: a refused send records nothing. A record that
      // fails after the send says so, rather than claim nothing happened.
      await d.api
        .recordLog(gid, { event_type: 'announcement.sent', message: 'announcement sent', data: { message_id: sent.message_id, text } }, actor)
        .catch((err: unknown) => {
          throw new AppError(
            'DEPENDENCY_UNAVAILABLE',
            `the message was sent (id ${sent.message_id}) but the audit log could not record it: ${errorMessage(err)}`,
          );
        });
      return { message_id: sent.message_id };
    },
    async moderate(groupId, input, actor) {
      if (!d.moderate) throw new AppError('DEPENDENCY_UNAVAILABLE', 'the bot is not connected to Telegram (no TELEGRAM_BOT_TOKEN)');
      try {
        return await d.moderate(groupId, input, actor?.actorId);
      } catch (err) {
        throw telegramToAppError(err);
      }
    },
    status: () => Promise.resolve({ running: d.running(), mode: d.mode, username: d.username, queue_depth: d.queueDepth() }),
  };
}

/** Telegram's refusals as the platform's error codes, so REST and in-process callers see one shape. */
function telegramToAppError(err: unknown): unknown {
  if (!(err instanceof TelegramError)) return err;
  const what = err.description.replace(/^(Bad Request|Forbidden): /, '');
  if (err.code === 403) return AppError.conflict(`Telegram refused: ${what}`);
  if (err.code === 400) return new AppError('BAD_REQUEST', `Telegram refused: ${what}`);
  return new AppError('DEPENDENCY_UNAVAILABLE', `Telegram is unavailable: ${what}`);
}
