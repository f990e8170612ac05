import type { Feature } from './feature.js';
import { refuse } from '../commands/failures.js';
import { record } from '../moderation/sanctions.js';

/** Bots may not delete messages older than 48 hours (Bot API deleteMessage). */
const DELETE_WINDOW_S = 48 * 3600;
/** deleteMessages takes at most 100 ids per call. */
const BATCH = 100;

export function purgeFeature(): Feature {
  return {
    name: 'purge',
    commands: [
      {
        name: 'del',
        usage: '/del (as a reply)',
        description: 'Delete the replied message',
        permission: 'delete',
        botRight: 'can_delete_messages',
        help: 'Deletes the message you reply to, and your command.',
        async run(call) {
          const target = call.message.reply_to_message;
          if (!target) refuse('Reply to the message you want deleted.');
          if (Math.floor(call.deps.now() / 1000) - target.date > DELETE_WINDOW_S) {
            refuse('That message is older than 48 hours; Telegram lets bots delete only newer ones, so it stays.');
          }
          // deleteMessage (one id) fails when Telegram keeps the message, where deleteMessages
          // would skip it silently: only what is really gone is recorded.
          await call.deps.telegram.deleteMessage(call.chatId, target.message_id);
          await call.deps.telegram.deleteMessage(call.chatId, call.message.message_id).catch(() => undefined);
          if (target.from)
            await record(call.deps, { chatId: call.chatId, target: target.from, adminId: call.caller.id, reason: call.args, source: 'bot' }, 'delete');
        },
      },
      {
        name: 'purge',
        usage: '/purge (as a reply)',
        description: 'Delete every message from the replied one on',
        permission: 'delete',
        botRight: 'can_delete_messages',
        help: 'Deletes the replied message and everything after it, up to your command (messages under 48 hours old).',
        async run(call) {
          const from = call.message.reply_to_message;
          if (!from) refuse('Reply to the first message to delete; everything from it to your command goes.');
          const nowS = Math.floor(call.deps.now() / 1000);
          if (nowS - from.date > DELETE_WINDOW_S)
            refuse('That message is older than 48 hours; Telegram lets bots delete only newer ones. Reply to a more recent message.');
          const ids: number[] = [];
          for (let id = from.message_id; id <= call.message.message_id; id++) ids.push(id);
          for (let i = 0; i < ids.length; i += BATCH) await call.deps.telegram.deleteMessages(call.chatId, ids.slice(i, i + BATCH));
          if (from.from)
            await record(
              call.deps,
              { chatId: call.chatId, target: from.from, adminId: call.caller.id, reason: `purge of ${ids.length} messages`, source: 'bot' },
              'delete',
            );
          call.deps.notify.send(call.chatId, `Purged ${ids.length - 1} message${ids.length === 2 ? '' : 's'}.`);
        },
      },
    ],
  };
}
