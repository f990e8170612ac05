import { refuse } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { escapeHtml, mention } from '../messages/html.js';
import { resolveTarget } from '../commands/targets.js';
import { formatDuration } from '../parsing/index.js';

export function infoFeature(): Feature {
  return {
    name: 'info',
    commands: [
      {
        name: 'roles',
        usage: '/roles',
        description: "The group's roles",
        permission: 'members.view',
        help: 'Lists the roles and what each may do through the bot (Telegram admin rights always apply on top).',
        async run(call) {
          const roles = await call.deps.api.listRoles(call.chatId);
          const lines = [...roles.items]
            .sort((a, b) => b.priority - a.priority)
            .map((r) => `• <b>${escapeHtml(r.name)}</b>: ${r.permissions.length ? escapeHtml(r.permissions.join(', ')) : 'no bot permissions'}`);
          await call.reply(`Roles:\n${lines.join('\n')}`);
        },
      },
      {
        name: 'stats',
        usage: '/stats',
        description: 'Group statistics',
        permission: 'stats.view',
        help: 'Messages, joins, leaves and moderation actions in the last 7 days and in total.',
        async run(call) {
          const s = await call.deps.api.groupStats(call.chatId, { days: 7 });
          const week = s.days.reduce((acc, d) => ({ messages: acc.messages + d.messages, joins: acc.joins + d.joins, leaves: acc.leaves + d.leaves }), {
            messages: 0,
            joins: 0,
            leaves: 0,
          });
          const actions =
            Object.entries(s.totals.actions_by_type)
              .filter(([, n]) => n > 0)
              .map(([t, n]) => `${t} ${n}`)
              .join(', ') || 'none';
          await call.reply(
            `Statistics for ${escapeHtml(call.chatTitle)}\nLast 7 days: ${week.messages} messages, ${week.joins} joins, ${week.leaves} leaves\n` +
              `All time: ${s.totals.messages} messages, ${s.totals.members} members known (${s.totals.active_members} active)\nActions: ${escapeHtml(actions)}`,
          );
        },
      },
      {
        name: 'history',
        usage: '/history <user>',
        description: "A member's moderation history",
        permission: 'logs.view',
        help: 'The last 10 actions taken on the member.',
        async run(call) {
          const t = await resolveTarget(call, { mayBeAdmin: true, maySelf: true });
          const page = await call.deps.api.listActions(call.chatId, { user_id: t.person.id, limit: 10 });
          if (!page.items.length) refuse(`Nothing on record for ${mention(t.person)}.`);
          const lines = page.items.map((a) => {
            const day = a.created_at.toISOString().slice(0, 10);
            const span = a.duration ? ` ${formatDuration(a.duration)}` : '';
            return `${day} <b>${a.action_type}</b>${span} (${a.status}, ${a.source})${a.reason ? `: ${escapeHtml(a.reason)}` : ''}`;
          });
          await call.reply(`History of ${mention(t.person)}:\n${lines.join('\n')}`);
        },
      },
    ],
  };
}
