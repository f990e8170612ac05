import type { Settings } from '../../domain/index.js';
import type { CommandCall } from '../commands/command.js';
import type { BotDeps } from '../bot-deps.js';
import { refuse } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { escapeHtml, mention, reasonSuffix, type Person } from '../messages/html.js';
import { penaltySanction, record, sanction, sanctionText, type ModerationRequest } from '../moderation/sanctions.js';
import { resolveTarget } from '../commands/targets.js';
import { formatDuration, parseDuration } from '../parsing/index.js';

/**
 * Warns a member; at the group's limit applies the penalty its warn_mode names and clears
 * the consumed warns, so the count starts over (the way Rose and Marie behave).
 * Shared by /warn and by automatic rules with a warn penalty.
 */
export async function warn(deps: BotDeps, req: ModerationRequest): Promise<string> {
  const created = await record(deps, req, 'warn');
  const count = created.warnings ? ` (${created.warnings.count}/${created.warnings.limit})` : '';
  if (!created.penalty) return `Warned ${mention(req.target)}${count}.${reasonSuffix(req.reason)}`;
  const p = penaltySanction(created.penalty);
  await sanction(deps, p.kind, {
    ...req,
    reason: `warn limit reached${req.reason ? `: ${req.reason}` : ''}`,
    duration: p.duration,
    source: req.source === 'bot' ? 'bot' : 'auto',
  });
  await clearWarns(deps, req.chatId, req.target.id, req.adminId, 'expired');
  return `Warned ${mention(req.target)}${count}: that's the limit. ${sanctionText(p.kind, req.target, p.duration)}${reasonSuffix(req.reason)}`;
}

/**
 * Revokes the member's newest active warn and records the unwarn; answers the count left, or
 * undefined when there was none to revoke (nothing is recorded then). Shared by /unwarn and
 * the dashboard (web moderation, the audit log's Undo).
 */
export async function unwarn(deps: BotDeps, req: ModerationRequest): Promise<{ count: number; limit: number } | undefined> {
  const w = await deps.api.warnings(req.chatId, req.target.id);
  const latest = [...w.items].sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0];
  if (!latest) return undefined;
  await deps.api.updateAction(req.chatId, latest.id, { status: 'revoked' }, req.adminId === null ? {} : { actorId: req.adminId });
  await record(deps, req, 'unwarn');
  return { count: w.count - 1, limit: w.limit };
}

async function clearWarns(deps: BotDeps, chatId: number, userId: number, adminId: number | null, status: 'revoked' | 'expired'): Promise<number> {
  const w = await deps.api.warnings(chatId, userId);
  const actor = adminId === null ? {} : { actorId: adminId };
  await Promise.all(w.items.map((a) => deps.api.updateAction(chatId, a.id, { status }, actor)));
  return w.items.length;
}

const WARN_MODE = /^(ban|kick|mute|tban|tmute)$/;

function describeMode(s: Pick<Settings, 'warn_mode' | 'warn_mode_duration'>): string {
  return s.warn_mode_duration && s.warn_mode.startsWith('t') ? `${s.warn_mode} ${formatDuration(s.warn_mode_duration)}` : s.warn_mode;
}

const target = async (call: CommandCall): Promise<{ person: Person; reason: string }> => {
  const t = await resolveTarget(call);
  return { person: t.person, reason: t.reason };
};

export function warnsFeature(): Feature {
  return {
    name: 'warns',
    commands: [
      {
        name: 'warn',
        usage: '/warn <user> [reason]',
        description: 'Warn a member',
        permission: 'warn',
        botRight: 'can_restrict_members',
        help: 'At the warn limit (/setwarnlimit) the warn mode (/setwarnmode) is applied and the warns start over.',
        async run(call) {
          const t = await target(call);
          await call.reply(await warn(call.deps, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' }));
        },
      },
      {
        name: 'warns',
        usage: '/warns [user]',
        description: "Show a member's warnings",
        help: 'Without a user, shows your own. Anyone may ask: warnings are given in public anyway.',
        async run(call) {
          const person =
            call.args || call.message.reply_to_message ? (await resolveTarget(call, { mayBeAdmin: true, maySelf: true })).person : call.caller.person;
          const w = await call.deps.api.warnings(call.chatId, person.id);
          const lines = w.items.map((a, i) => `${i + 1}. ${escapeHtml(a.reason ?? 'no reason given')}`);
          await call.reply(w.count ? `${mention(person)} has ${w.count}/${w.limit} warnings:\n${lines.join('\n')}` : `${mention(person)} has no warnings.`);
        },
      },
      {
        name: 'unwarn',
        aliases: ['rmwarn'],
        usage: '/unwarn <user>',
        description: "Remove a member's latest warning",
        permission: 'warn',
        help: 'Revokes the most recent active warning.',
        async run(call) {
          const t = await target(call);
          const left = await unwarn(call.deps, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' });
          if (!left) refuse(`${mention(t.person)} has no warnings to remove.`);
          await call.reply(`Removed a warning from ${mention(t.person)} (${left.count}/${left.limit}).`);
        },
      },
      {
        name: 'resetwarns',
        aliases: ['resetwarn'],
        usage: '/resetwarns <user>',
        description: "Clear all of a member's warnings",
        permission: 'warn',
        help: 'Revokes every active warning of the member.',
        async run(call) {
          const t = await target(call);
          const n = await clearWarns(call.deps, call.chatId, t.person.id, call.caller.id, 'revoked');
          await call.reply(n ? `Cleared ${n} warning${n === 1 ? '' : 's'} of ${mention(t.person)}.` : `${mention(t.person)} had no warnings.`);
        },
      },
      {
        name: 'setwarnlimit',
        usage: '/setwarnlimit <1-100>',
        description: 'Warnings before the penalty',
        permission: 'settings.edit',
        help: 'How many active warnings trigger the warn mode.',
        async run(call) {
          const n = Number(call.argv[0]);
          if (call.argv.length !== 1 || !Number.isInteger(n) || n < 1 || n > 100) refuse('Give a whole number from 1 to 100, like /setwarnlimit 3.');
          await call.deps.api.updateSettings(call.chatId, { warn_limit: n }, { actorId: call.caller.id });
          call.deps.config.forget(call.chatId);
          await call.reply(`Warn limit set to ${n}.`);
        },
      },
      {
        name: 'setwarnmode',
        usage: '/setwarnmode <ban|kick|mute|tban|tmute> [duration]',
        description: 'What happens at the warn limit',
        permission: 'settings.edit',
        help: 'tban and tmute need a duration, like /setwarnmode tmute 1d.',
        async run(call) {
          const [mode = '', span] = call.argv;
          if (!WARN_MODE.test(mode)) refuse('The warn mode is one of ban, kick, mute, tban or tmute, like /setwarnmode tban 2d.');
          const timed = mode === 'tban' || mode === 'tmute';
          if (timed && !span) refuse(`${mode} needs a duration, like /setwarnmode ${mode} 1d.`);
          let duration: number | null = null;
          if (timed && span) {
            const d = parseDuration(span);
            if (!d.ok) refuse(d.message);
            duration = d.seconds;
          }
          const s = await call.deps.api.updateSettings(
            call.chatId,
            { warn_mode: mode as Settings['warn_mode'], warn_mode_duration: duration },
            { actorId: call.caller.id },
          );
          call.deps.config.forget(call.chatId);
          await call.reply(`At the warn limit I will now ${describeMode(s)}.`);
        },
      },
    ],
  };
}
