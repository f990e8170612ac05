import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Message } from 'telegraf/types';
import type { BotDeps } from '../bot-deps.js';
import { refuse, UserFacingError } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { mention, reasonSuffix } from '../messages/html.js';

/** A message is reported to the admins once (Telegram deletes nothing older than 48 h anyway). */
const ONCE_PER_MESSAGE_MS = 48 * 3600 * 1000;
/** One report a minute per member: ten reports cannot ping the admins ten times. */
const REPORTER_COOLDOWN_MS = 60 * 1000;

/**
 * Tells the admins about a message: one reply that mentions every human admin, so their
 * clients notify them. Telegram-style invisible mentions would hide who was called. Answers
 * undefined, and nobody is pinged, for a message reported already or a reporter who just
 * reported: a member must not be able to drown the admins in pings.
 */
async function report(deps: BotDeps, msg: Message, reason: string): Promise<string | undefined> {
  const reported = 'reply_to_message' in msg ? msg.reply_to_message : undefined;
  if (!reported) refuse('Reply to the message you want to report.');
  const chatId = msg.chat.id;
  if (reported.from && (await deps.admins.find(chatId, reported.from.id))) refuse("Admins can't be reported.");
  const now = deps.now();
  if ((await deps.kv.hit(`report:by:${chatId}:${msg.from?.id ?? 0}`, REPORTER_COOLDOWN_MS, now)) > 1) return undefined;
  if ((await deps.kv.hit(`report:msg:${chatId}:${reported.message_id}`, ONCE_PER_MESSAGE_MS, now)) > 1) return undefined;
  const admins = (await deps.admins.admins(chatId)).filter((a) => !a.isBot && !a.isAnonymous);
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
    // "@admin" is chat, not a command: a report it cannot make (an admin's message) stays silent.
    const text = await report(deps, ctx.message, ctx.message.text.replace(/@admins?\b/i, '').trim()).catch((err: unknown) => {
      if (err instanceof UserFacingError) return undefined;
      throw err;
    });
    if (text === undefined) return;
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
          const text = await report(call.deps, call.message, call.args);
          if (text !== undefined) await call.reply(text);
        },
      },
    ],
  };
}
