import type { CommandCall } from '../core/command.js';
import { durationArg } from '../core/duration-arg.js';
import type { Feature } from '../core/feature.js';
import { mention, reasonSuffix } from '../core/format.js';
import { sanction, sanctionText, unmute, type ModerationRequest } from '../core/moderation.js';
import { resolveTarget } from '../core/targets.js';

const request = (call: CommandCall, person: ModerationRequest['target'], reason: string, duration?: number): ModerationRequest => ({
  chatId: call.chatId, target: person, adminId: call.caller.id, reason, duration, source: 'bot',
});

export function mutesFeature(): Feature {
  return {
    name: 'mutes',
    commands: [
      {
        name: 'mute', usage: '/mute <user> [reason]', description: 'Mute a member', permission: 'mute', botRight: 'can_restrict_members',
        help: 'They stay in the group but cannot send anything until /unmute.',
        async run(call) {
          const t = await resolveTarget(call);
          await sanction(call.deps, 'mute', request(call, t.person, t.reason));
          await call.reply(sanctionText('mute', t.person) + reasonSuffix(t.reason));
        },
      },
      {
        name: 'tmute', usage: '/tmute <user> <duration> [reason]', description: 'Mute a member for a while', permission: 'mute', botRight: 'can_restrict_members',
        help: 'Durations: 30s 10m 4h 2d 1w 1h30m (Telegram keeps 30 seconds to 366 days).',
        async run(call) {
          const t = await resolveTarget(call);
          const d = durationArg(t.rest, 'tmute');
          await sanction(call.deps, 'mute', request(call, t.person, d.reason, d.seconds));
          await call.reply(sanctionText('mute', t.person, d.seconds) + d.note + reasonSuffix(d.reason));
        },
      },
      {
        name: 'unmute', usage: '/unmute <user>', description: 'Let a muted member talk again', permission: 'mute', botRight: 'can_restrict_members',
        help: "Gives back the group's default permissions.",
        async run(call) {
          const t = await resolveTarget(call);
          await unmute(call.deps, request(call, t.person, t.reason));
          await call.reply(`${mention(t.person)} can talk again.`);
        },
      },
    ],
  };
}
