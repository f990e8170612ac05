import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import { counter, histogram } from '../../shared/metrics.js';
import type { BotDeps } from '../bot-deps.js';
import { ensureGroup } from '../groups/group-registry.js';
import { parseCommand } from '../parsing/index.js';
import { telegramMemberOf } from '../permissions/admin-cache.js';
import { callerOf } from '../permissions/caller.js';
import { RIGHT_NAMES, type CommandCall, type CommandSpec } from './command.js';
import { describeFailure, refuse } from './failures.js';

const PERMISSION_HINT: Record<string, string> = {
  ban: 'the "Ban users" admin right',
  kick: 'the "Ban users" admin right',
  mute: 'the "Ban users" admin right',
  warn: 'the "Ban users" admin right',
  delete: 'the "Delete messages" admin right',
  pin: 'the "Pin messages" admin right',
  promote: 'the "Add new admins" admin right',
  'settings.edit': 'the "Change group info" admin right',
  'rules.edit': 'the "Change group info" admin right',
};

/**
 * The one place commands enter: parse, find the spec, check the caller through the api
 * (Telegram rights decide moderation powers, roles only add bot-only ones), check the bot's
 * own rights, run, and turn any failure into a reply a person can act on.
 */
export function commandRouter(deps: BotDeps, specs: readonly CommandSpec[]): Composer<Context> {
  const byName = new Map<string, CommandSpec>();
  for (const s of specs) for (const n of [s.name, ...(s.aliases ?? [])]) byName.set(n, s);
  const commands = counter(deps.metrics, 'bot_commands_total', 'Commands handled, by command', ['command']);
  const errors = counter(deps.metrics, 'bot_errors_total', 'Failures while handling updates, by type', ['error_type']);
  const timing = histogram(deps.metrics, 'bot_response_time_seconds', 'Time to handle an update, by handler', ['handler']);

  const composer = new Composer<Context>();
  composer.on(message('text'), async (ctx, next) => {
    const parsed = parseCommand(ctx.message.text, deps.me.username);
    const spec = parsed && byName.get(parsed.command);
    if (!parsed || !spec) return next();
    const chat = ctx.message.chat;
    const isGroup = chat.type === 'group' || chat.type === 'supergroup';
    if (!isGroup && !spec.private) {
      deps.notify.send(chat.id, `/${spec.name} works in groups. Add me to a group and make me an admin.`);
      return;
    }
    commands.inc({ command: spec.name });
    const end = timing.startTimer({ handler: `command:${spec.name}` });
    const replyTo = ctx.message.message_id;
    const reply: CommandCall['reply'] = (html, extra = {}) => {
      deps.notify.send(chat.id, html, { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true }, ...extra });
      return Promise.resolve();
    };
    try {
      const caller = isGroup
        ? await callerOf(ctx.message, deps.admins)
        : { id: ctx.message.from.id, person: ctx.message.from, anonymous: false, admin: undefined };
      if (!caller) refuse('Commands sent on behalf of a channel are ignored.');
      const call: CommandCall = {
        ctx,
        deps,
        chatId: chat.id,
        chatTitle: 'title' in chat ? chat.title : '',
        message: ctx.message,
        args: parsed.args,
        argv: parsed.argv,
        caller,
        reply,
      };
      if (isGroup) {
        await ensureGroup(deps, chat.id, call.chatTitle);
        if (spec.permission) {
          if (caller.anonymous && !caller.admin)
            refuse('I could not match this anonymous admin to the admin list; try /admincache, or send the command from your own account.');
          const verdict = await deps.api.checkPermission({
            group_id: chat.id,
            user_id: caller.id,
            permission: spec.permission,
            telegram: telegramMemberOf(caller.admin),
          });
          if (!verdict.allowed)
            refuse(`You can't use /${spec.name} here: it needs ${PERMISSION_HINT[spec.permission] ?? `the ${spec.permission} permission`}.`);
        }
        if (spec.botRight) {
          const me = await deps.admins.find(chat.id, deps.me.id);
          const has = me?.status === 'creator' || me?.rights[spec.botRight] === true;
          if (!has)
            refuse(`I can't do that: I need the "${RIGHT_NAMES[spec.botRight]}" admin right in this group. Ask the owner to grant it, then run /admincache.`);
        }
      }
      await spec.run(call);
    } catch (err) {
      const failure = describeFailure(err);
      errors.inc({ error_type: failure.type });
      if (!failure.expected)
        deps.logger.error('command failed', { command: spec.name, chat_id: chat.id, error: (err as Error).message, stack: (err as Error).stack });
      await reply(failure.reply);
    } finally {
      end();
    }
  });
  return composer;
}
