import type { CommandSpec } from '../commands/command.js';
import { durationArg } from '../commands/duration-arg.js';
import { reasonSuffix } from '../messages/html.js';
import { sanction, sanctionText, type Sanction } from '../moderation/sanctions.js';
import { resolveTarget } from '../commands/targets.js';

type Spec = Pick<CommandSpec, 'name' | 'usage' | 'description' | 'help' | 'permission'>;

/** /ban, /kick, /mute: a target, an optional reason, carried out and recorded. */
export function sanctionCommand(kind: Sanction, spec: Spec): CommandSpec {
  return {
    ...spec,
    botRight: 'can_restrict_members',
    async run(call) {
      const t = await resolveTarget(call);
      await sanction(call.deps, kind, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' });
      await call.reply(sanctionText(kind, t.person) + reasonSuffix(t.reason));
    },
  };
}

/** /tban, /tmute: the same with a duration after the target, clamped to Telegram's window. */
export function timedSanctionCommand(kind: Exclude<Sanction, 'kick'>, spec: Spec): CommandSpec {
  return {
    ...spec,
    botRight: 'can_restrict_members',
    async run(call) {
      const t = await resolveTarget(call);
      const d = durationArg(t.rest, spec.name);
      await sanction(call.deps, kind, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: d.reason, duration: d.seconds, source: 'bot' });
      await call.reply(sanctionText(kind, t.person, d.seconds) + d.note + reasonSuffix(d.reason));
    },
  };
}
