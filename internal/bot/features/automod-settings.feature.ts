import type { SettingsPatchInput } from '../../domain/index.js';
import { LOCK_TYPES, type LockType } from '../automod/message-kinds.js';
import type { CommandCall, CommandSpec } from '../commands/command.js';
import { refuse } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { escapeHtml } from '../messages/html.js';
import { parseDuration } from '../parsing/index.js';

const ON_OFF = /^(on|off|yes|no)$/i;
const isLock = (s: string): s is LockType => (LOCK_TYPES as readonly string[]).includes(s);

async function change(call: CommandCall, patch: SettingsPatchInput, done: string): Promise<void> {
  await call.deps.api.updateSettings(call.chatId, patch, { actorId: call.caller.id });
  call.deps.config.forget(call.chatId);
  await call.reply(done);
}

function greeting(kind: 'welcome' | 'goodbye'): CommandSpec[] {
  const enabled = kind === 'welcome' ? 'welcome_message_enabled' : 'goodbye_message_enabled';
  const text = kind === 'welcome' ? 'welcome_message' : 'goodbye_message';
  return [
    {
      name: kind,
      usage: `/${kind} <on|off>`,
      description: `Turn the ${kind} message on or off`,
      permission: 'settings.edit',
      help: `Without an argument, shows the current ${kind} text.`,
      async run(call) {
        const arg = call.argv[0] ?? '';
        if (!arg) {
          const s = await call.deps.api.getSettings(call.chatId);
          await call.reply(`The ${kind} message is ${s[enabled] ? 'on' : 'off'}:\n${escapeHtml(s[text] || '(empty)')}`);
          return;
        }
        if (!ON_OFF.test(arg)) refuse(`Say /${kind} on or /${kind} off.`);
        const on = /^(on|yes)$/i.test(arg);
        await change(call, { [enabled]: on }, `The ${kind} message is now ${on ? 'on' : 'off'}.`);
      },
    },
    {
      name: `set${kind}`,
      usage: `/set${kind} <text>`,
      description: `Set the ${kind} message`,
      permission: 'settings.edit',
      help: 'Placeholders: {first} {last} {fullname} {username} {mention} {id} {count} {chatname} {rules}. Setting a text turns it on.',
      async run(call) {
        const body = call.args.trim();
        if (!body) refuse(`Write the ${kind} text after the command, like /set${kind} Hi {first}, welcome to {chatname}!`);
        if (body.length > 4096) refuse(`That text is ${body.length} characters; Telegram messages hold 4096.`);
        await change(call, { [text]: body, [enabled]: true }, `${kind[0]?.toUpperCase()}${kind.slice(1)} message saved and turned on.`);
      },
    },
  ];
}

export function automodSettingsFeature(): Feature {
  return {
    name: 'automod-settings',
    commands: [
      ...greeting('welcome'),
      ...greeting('goodbye'),
      {
        name: 'lock',
        usage: '/lock <type> [type...]',
        description: 'Delete a kind of message automatically',
        permission: 'settings.edit',
        botRight: 'can_delete_messages',
        help: `Types: ${LOCK_TYPES.join(', ')}. Admins and approved members are exempt.`,
        async run(call) {
          const wanted = call.argv.map((a) => a.toLowerCase());
          const bad = wanted.filter((w) => !isLock(w));
          if (!wanted.length || bad.length) refuse(`${bad.length ? `Unknown lock: ${escapeHtml(bad.join(', '))}. ` : ''}Types are: ${LOCK_TYPES.join(', ')}.`);
          const s = await call.deps.api.getSettings(call.chatId);
          await change(call, { locks: [...new Set([...s.locks, ...wanted])] }, `Locked: ${wanted.join(', ')}.`);
        },
      },
      {
        name: 'unlock',
        usage: '/unlock <type> [type...]',
        description: 'Stop deleting a kind of message',
        permission: 'settings.edit',
        help: 'Types as for /lock; /locks shows what is locked.',
        async run(call) {
          const wanted = call.argv.map((a) => a.toLowerCase());
          if (!wanted.length || wanted.some((w) => !isLock(w))) refuse(`Say which, like /unlock links. Types are: ${LOCK_TYPES.join(', ')}.`);
          const s = await call.deps.api.getSettings(call.chatId);
          await change(call, { locks: s.locks.filter((l) => !wanted.includes(l)) }, `Unlocked: ${wanted.join(', ')}.`);
        },
      },
      {
        name: 'locks',
        usage: '/locks',
        description: 'What is locked',
        permission: 'members.view',
        help: 'Lists the active locks.',
        async run(call) {
          const s = await call.deps.api.getSettings(call.chatId);
          await call.reply(s.locks.length ? `Locked: ${escapeHtml(s.locks.join(', '))}.` : 'Nothing is locked.');
        },
      },
      {
        name: 'antiflood',
        aliases: ['setflood'],
        usage: '/antiflood <off | N [seconds] [mute|kick|ban|tmute|tban]>',
        description: 'Limit messages per member',
        permission: 'settings.edit',
        botRight: 'can_restrict_members',
        help: 'More than N messages within the window (default 10 s) triggers the action (default mute; tmute/tban last an hour).',
        async run(call) {
          const [first = '', second, third] = call.argv;
          if (/^(off|no|0)$/i.test(first)) return change(call, { antiflood: { enabled: false } }, 'Antiflood is off.');
          const limit = Number(first);
          if (!Number.isInteger(limit) || limit < 2 || limit > 100)
            refuse('Give the number of messages allowed (2 to 100), like /antiflood 5 10s mute, or /antiflood off.');
          let window = 10;
          let action = 'mute';
          for (const arg of [second, third].filter((a): a is string => a !== undefined)) {
            if (/^(mute|kick|ban|tmute|tban)$/i.test(arg)) action = arg.toLowerCase();
            else {
              const d = parseDuration(/^\d+$/.test(arg) ? `${arg}s` : arg);
              if (!d.ok || d.requestedSeconds > 3600) refuse('The window is a duration up to an hour, like 10s or 1m.');
              window = d.requestedSeconds;
            }
          }
          await change(
            call,
            { antiflood: { enabled: true, limit, window_s: window, action: action as 'mute' } },
            `Antiflood on: more than ${limit} messages in ${window}s means ${action}.`,
          );
        },
      },
    ],
  };
}
