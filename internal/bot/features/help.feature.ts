import type { CommandSpec } from '../commands/command.js';
import { refuse } from '../commands/failures.js';
import { DASHBOARD_START } from './dashboard.feature.js';
import type { Feature } from './feature.js';
import { escapeHtml } from '../messages/html.js';
import { RIGHT_NAMES } from '../commands/command.js';

/** /help, /start and /admincache: they need the full command list, so they come last. */
export function helpFeature(all: () => readonly CommandSpec[]): Feature {
  const find = (name: string) => all().find((s) => s.name === name || s.aliases?.includes(name));
  return {
    name: 'help',
    commands: [
      {
        name: 'help',
        usage: '/help [command]',
        description: 'How to use me',
        private: true,
        help: 'Without a command, lists them all.',
        async run(call) {
          const name = call.argv[0]?.replace(/^\//, '').toLowerCase();
          if (name) {
            const spec = find(name);
            if (!spec) refuse(`I have no /${escapeHtml(name)} command. /help lists them all.`);
            const needs = spec.permission ? `\nNeeds: ${spec.permission}${spec.botRight ? `; I need "${RIGHT_NAMES[spec.botRight]}"` : ''}` : '';
            await call.reply(`<b>${escapeHtml(spec.usage)}</b>\n${escapeHtml(spec.description)}. ${escapeHtml(spec.help)}${escapeHtml(needs)}`);
            return;
          }
          const lines = all().map((s) => `/${s.name} - ${escapeHtml(s.description)}`);
          await call.reply(`I moderate groups. Commands:\n${lines.join('\n')}\n\n/help &lt;command&gt; explains one.`);
        },
      },
      {
        name: 'start',
        usage: '/start',
        description: 'Say hello',
        private: true,
        help: 'Tells you what I do.',
        async run(call) {
          // The deep link of a group's /dashboard answer lands here: t.me/<bot>?start=dashboard.
          const dashboard = all().find((c) => c.name === 'dashboard');
          if (dashboard && call.args.trim() === DASHBOARD_START) return dashboard.run(call);
          await call.reply(
            'Hi! I keep groups tidy: bans, mutes, warns, welcome messages, antiflood and locks. Add me to a group as an admin, then send /help there.',
          );
        },
      },
      {
        name: 'admincache',
        usage: '/admincache',
        description: 'Reload the admin list',
        help: 'After promoting or demoting admins outside the bot, so I see the change at once.',
        async run(call) {
          const admins = await call.deps.admins.refresh(call.chatId);
          const fresh = call.caller.anonymous ? await call.deps.admins.anonymous(call.chatId) : admins.find((a) => a.id === call.caller.id);
          if (!fresh) refuse('Only admins can reload the admin list.');
          await call.reply(`Admin list reloaded: ${admins.filter((a) => !a.isBot).length} admins.`);
        },
      },
    ],
  };
}
