import type { Feature } from './feature.js';
import { refuse } from '../commands/failures.js';
import { record } from '../moderation/sanctions.js';

export function pinsFeature(): Feature {
  return {
    name: 'pins',
    commands: [
      {
        name: 'pin',
        usage: '/pin [loud] (as a reply)',
        description: 'Pin the replied message',
        permission: 'pin',
        botRight: 'can_pin_messages',
        help: 'Pins quietly; add "loud" to notify everyone.',
        async run(call) {
          const target = call.message.reply_to_message;
          if (!target) refuse('Reply to the message you want pinned.');
          const loud = call.argv.some((a) => ['loud', 'notify'].includes(a.toLowerCase()));
          await call.deps.telegram.pinChatMessage(call.chatId, target.message_id, { disable_notification: !loud });
          if (target.from) await record(call.deps, { chatId: call.chatId, target: target.from, adminId: call.caller.id, reason: '', source: 'bot' }, 'pin');
          await call.reply(loud ? 'Pinned, and everyone was notified.' : 'Pinned.');
        },
      },
      {
        name: 'unpin',
        usage: '/unpin (as a reply, or alone for the latest pin)',
        description: 'Unpin a message',
        permission: 'pin',
        botRight: 'can_pin_messages',
        help: 'Unpins the replied message, or the most recent pin.',
        async run(call) {
          const target = call.message.reply_to_message;
          await call.deps.telegram.unpinChatMessage(call.chatId, target?.message_id);
          await record(
            call.deps,
            { chatId: call.chatId, target: target?.from ?? call.caller.person, adminId: call.caller.id, reason: '', source: 'bot' },
            'unpin',
          );
          await call.reply('Unpinned.');
        },
      },
    ],
  };
}
