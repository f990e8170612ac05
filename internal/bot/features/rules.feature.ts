import type { Rule } from '../../domain/index.js';
import { refuse } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { escapeHtml } from '../messages/html.js';
import { formatDuration } from '../parsing/index.js';

/** Where /setrules keeps the group's rules text (a custom setting: the data model has no field). */
export const RULES_TEXT_KEY = 'rules_text';
const MAX_RULES_TEXT = 2000;

function ruleLine(r: Rule): string {
  const penalty = r.penalty === 'none' ? '' : ` (${r.penalty}${r.penalty_duration ? ` ${formatDuration(r.penalty_duration)}` : ''})`;
  return `• <b>${escapeHtml(r.rule_name)}</b>${r.description ? `: ${escapeHtml(r.description)}` : ''}${penalty}`;
}

export function rulesFeature(): Feature {
  return {
    name: 'rules',
    commands: [
      {
        name: 'rules',
        usage: '/rules',
        description: "The group's rules",
        help: 'Shows the rules text and the rules the bot enforces.',
        async run(call) {
          const { settings, rules } = await call.deps.config.get(call.chatId);
          const text = settings.custom_settings[RULES_TEXT_KEY];
          const parts = [
            typeof text === 'string' && text ? escapeHtml(text) : '',
            rules.length ? `Enforced rules:\n${rules.map(ruleLine).join('\n')}` : '',
          ].filter(Boolean);
          await call.reply(
            parts.length
              ? `Rules of ${escapeHtml(call.chatTitle)}:\n\n${parts.join('\n\n')}`
              : 'This group has no rules yet. Admins can set them with /setrules.',
          );
        },
      },
      {
        name: 'setrules',
        usage: '/setrules <text>',
        description: 'Set the rules text',
        permission: 'rules.edit',
        help: 'Replaces the text /rules shows (up to 2000 characters). /setrules clear removes it.',
        async run(call) {
          const text = call.args.trim();
          if (!text) refuse('Write the rules after the command, like /setrules Be kind. No spam.');
          if (text.length > MAX_RULES_TEXT) refuse(`The rules text is ${text.length} characters; the limit is ${MAX_RULES_TEXT}.`);
          const current = await call.deps.api.getSettings(call.chatId);
          const custom = { ...current.custom_settings };
          if (text.toLowerCase() === 'clear') delete custom[RULES_TEXT_KEY];
          else custom[RULES_TEXT_KEY] = text;
          await call.deps.api.updateSettings(call.chatId, { custom_settings: custom }, { actorId: call.caller.id });
          call.deps.config.forget(call.chatId);
          await call.reply(text.toLowerCase() === 'clear' ? 'Rules text removed.' : 'Rules updated. Members can read them with /rules.');
        },
      },
    ],
  };
}
