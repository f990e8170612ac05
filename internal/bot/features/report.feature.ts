import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Message } from 'telegraf/types';
import type { BotDeps } from '../bot-deps.js';
import { refuse } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { mention, reasonSuffix } from '../messages/html.js';

/**
 * Tells the admins about a message: one reply that mentions every human admin, so their
 * clients notify them. Telegram-style invisible mentions would hide who was called.
 */
async function report(deps: BotDeps, msg: Message, reason: string): Promise<string> {
  const reported = 'reply_to_message' in msg ? msg.reply_to_message : undefined;
  if (!reported) refuse('Reply to the message you want to report.');
  const admins = (await deps.admins.admins(msg.chat.id)).filter((a) => !a.isBot && !a.isAnonymous);
  const who = reported.from ? mention(reported.from) : 'this message';
  const calls = admins.map((a) => mention({ id: a.id, first_name: 'admin' })).join(' ');
  return `Reported ${who} to the admins.${reasonSuffix(reason)}${calls ? `\n${calls}` : ''}`;
}

export function reportFeature(deps: BotDeps): Feature {
  const composer = new Composer<Context>();
  // "@admin" / "@admins" anywhere in a group message, as users know from other bots.
  composer.on(message('text'), async (ctx, next) => {
    const chatType = ctx.message.chat.type;
    if ((chatType !== 'group' && chatType !== 'supergroup') || !/(^|\s)@admins?\b/i.test(ctx.message.text) || ctx.message.text.startsWith('/')) return next();
    if (!ctx.message.reply_to_message) return next();
    const text = await report(deps, ctx.message, ctx.message.text.replace(/@admins?\b/i, '').trim());
    deps.notify.send(ctx.message.chat.id, text, { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } });
  });
  return {
    name: 'report',
    composer,
    commands: [
      {
        name: 'report',
        usage: '/report [reason] (as a reply)',
        description: 'Report a message to the admins',
        help: 'Anyone can report; "@admin" in a reply works too.',
        async run(call) {
          if (call.caller.admin) refuse("You're an admin: act on it yourself.");
          await call.reply(await report(call.deps, call.message, call.args));
        },
      },
    ],
  };
}
