import type { Feature } from './feature.js';
import { mention } from '../messages/html.js';
import { refuse } from '../commands/failures.js';
import { unmute } from '../moderation/sanctions.js';
import { resolveTarget } from '../commands/targets.js';
import { sanctionCommand, timedSanctionCommand } from './sanction-commands.js';

export function mutesFeature(): Feature {
  return {
    name: 'mutes',
    commands: [
      sanctionCommand('mute', {
        name: 'mute',
        usage: '/mute <user> [reason]',
        description: 'Mute a member',
        permission: 'mute',
        help: 'They stay in the group but cannot send anything until /unmute.',
      }),
      timedSanctionCommand('mute', {
        name: 'tmute',
        usage: '/tmute <user> <duration> [reason]',
        description: 'Mute a member for a while',
        permission: 'mute',
        help: 'Durations: 30s 10m 4h 2d 1w 1h30m (Telegram keeps 30 seconds to 366 days).',
      }),
      {
        name: 'unmute',
        usage: '/unmute <user>',
        description: 'Let a muted member talk again',
        permission: 'mute',
        botRight: 'can_restrict_members',
        help: "Gives back the group's default permissions.",
        async run(call) {
          const t = await resolveTarget(call);
          const lifted = await unmute(call.deps, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' });
          if (!lifted) refuse(`${mention(t.person)} is not muted.`);
          await call.reply(`${mention(t.person)} can talk again.`);
        },
      },
    ],
  };
}
