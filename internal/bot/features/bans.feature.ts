import type { CommandCall } from '../core/command.js';
import { durationArg } from '../core/duration-arg.js';
import type { Feature } from '../core/feature.js';
import { mention, reasonSuffix } from '../core/format.js';
import { sanction, sanctionText, unban, type ModerationRequest } from '../core/moderation.js';
import { resolveTarget } from '../core/targets.js';

const request = (call: CommandCall, target: { person: ModerationRequest['target'] }, reason: string, duration?: number): ModerationRequest => ({
  chatId: call.chatId, target: target.person, adminId: call.caller.id, reason, duration, source: 'bot',
});

export function bansFeature(): Feature {
  return {
    name: 'bans',
    commands: [
      {
        name: 'ban', usage: '/ban <user> [reason]', description: 'Ban a member', permission: 'ban', botRight: 'can_restrict_members',
        help: 'Removes the member for good; they cannot come back until /unban. Reply to their message or give @username or id.',
        async run(call) {
          const t = await resolveTarget(call);
          await sanction(call.deps, 'ban', request(call, t, t.reason));
          await call.reply(sanctionText('ban', t.person) + reasonSuffix(t.reason));
        },
      },
      {
        name: 'tban', usage: '/tban <user> <duration> [reason]', description: 'Ban a member for a while', permission: 'ban', botRight: 'can_restrict_members',
        help: 'Durations: 30s 10m 4h 2d 1w 1h30m (Telegram keeps 30 seconds to 366 days).',
        async run(call) {
          const t = await resolveTarget(call);
          const d = durationArg(t.rest, 'tban');
          await sanction(call.deps, 'ban', request(call, t, d.reason, d.seconds));
          await call.reply(sanctionText('ban', t.person, d.seconds) + d.note + reasonSuffix(d.reason));
        },
      },
      {
        name: 'unban', usage: '/unban <user>', description: 'Lift a ban', permission: 'ban', botRight: 'can_restrict_members',
        help: 'They can join again through an invite link; members who are not banned are left alone.',
        async run(call) {
          const t = await resolveTarget(call);
          await unban(call.deps, request(call, t, t.reason));
          await call.reply(`Unbanned ${mention(t.person)}; they can join again.`);
        },
      },
      {
        name: 'kick', usage: '/kick <user> [reason]', description: 'Remove a member (they may rejoin)', permission: 'kick', botRight: 'can_restrict_members',
        help: 'Removes the member; they can come back through an invite link.',
        async run(call) {
          const t = await resolveTarget(call);
          await sanction(call.deps, 'kick', request(call, t, t.reason));
          await call.reply(sanctionText('kick', t.person) + reasonSuffix(t.reason));
        },
      },
      {
        name: 'kickme', usage: '/kickme', description: 'Leave the group the quick way', botRight: 'can_restrict_members',
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
