import type { Feature } from './feature.js';
import { mention } from '../messages/html.js';
import { refuse } from '../commands/failures.js';
import { sanction, unban } from '../moderation/sanctions.js';
import { resolveTarget } from '../commands/targets.js';
import { sanctionCommand, timedSanctionCommand } from './sanction-commands.js';

export function bansFeature(): Feature {
  return {
    name: 'bans',
    commands: [
      sanctionCommand('ban', {
        name: 'ban',
        usage: '/ban <user> [reason]',
        description: 'Ban a member',
        permission: 'ban',
        help: 'Removes the member for good; they cannot come back until /unban. Reply to their message or give @username or id.',
      }),
      timedSanctionCommand('ban', {
        name: 'tban',
        usage: '/tban <user> <duration> [reason]',
        description: 'Ban a member for a while',
        permission: 'ban',
        help: 'Durations: 30s 10m 4h 2d 1w 1h30m (Telegram keeps 30 seconds to 366 days).',
      }),
      {
        name: 'unban',
        usage: '/unban <user>',
        description: 'Lift a ban',
        permission: 'ban',
        botRight: 'can_restrict_members',
        help: 'They can join again through an invite link; members who are not banned are left alone.',
        async run(call) {
          const t = await resolveTarget(call);
          const lifted = await unban(call.deps, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' });
          if (!lifted) refuse(`${mention(t.person)} is not banned.`);
          await call.reply(`Unbanned ${mention(t.person)}; they can join again.`);
        },
      },
      sanctionCommand('kick', {
        name: 'kick',
        usage: '/kick <user> [reason]',
        description: 'Remove a member (they may rejoin)',
        permission: 'kick',
        help: 'Removes the member; they can come back through an invite link.',
      }),
      {
        name: 'kickme',
        usage: '/kickme',
        description: 'Leave the group the quick way',
        botRight: 'can_restrict_members',
        help: 'Removes you from the group. Admins cannot use it.',
        async run(call) {
          if (call.caller.anonymous || call.caller.admin) {
            await call.reply("Admins can't use /kickme; leave the group from its menu.");
            return;
          }
          await sanction(call.deps, 'kick', { chatId: call.chatId, target: call.caller.person, adminId: call.caller.id, reason: 'kickme', source: 'bot' });
          await call.reply(`${mention(call.caller.person)} kicked themselves out. Bye!`);
        },
      },
    ],
  };
}
