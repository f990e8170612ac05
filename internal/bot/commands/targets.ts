import { AppError } from '../../shared/errors.js';
import { parseTarget } from '../parsing/index.js';
import type { CommandCall } from './command.js';
import { refuse } from './failures.js';
import type { Person } from '../messages/html.js';

export interface Target {
  id: number;
  person: Person;
  reason: string;
  /** The rest of the arguments after the target (durations, reasons). */
  rest: string;
}

/**
 * The member a command acts on: by reply, @username (from the members the bot has seen),
 * or numeric id. Anyone the bot would refuse to touch is refused here, with a reason.
 */
export async function resolveTarget(call: CommandCall, opts: { mayBeAdmin?: boolean; maySelf?: boolean } = {}): Promise<Target> {
  const replied = call.message.reply_to_message;
  const repliedFrom = replied && !('sender_chat' in replied && replied.sender_chat) ? replied.from : undefined;
  const parsed = parseTarget(call.args, repliedFrom ? { replyTo: { userId: repliedFrom.id } } : {});
  if (!parsed.ok) refuse(parsed.message);
  const { deps, chatId } = call;
  let person: Person;
  const t = parsed.target;
  if (t.kind === 'reply' && repliedFrom) person = repliedFrom;
  else if (t.kind === 'username') {
    try {
      const u = await deps.api.getUserByUsername(chatId, t.username);
      person = { id: u.user_id, first_name: u.first_name ?? undefined, last_name: u.last_name ?? undefined, username: u.username ?? undefined };
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND')
        refuse(`I don't know @${t.username} in this group yet. Reply to one of their messages, or use their numeric id.`);
      throw err;
    }
  } else {
    const id = t.userId;
    person = await deps.api.getUser(chatId, id).then(
      (u) => ({ id, first_name: u.first_name ?? undefined, last_name: u.last_name ?? undefined, username: u.username ?? undefined }),
      () => ({ id }),
    );
  }
  if (person.id === deps.me.id) refuse("I won't do that to myself.");
  if (!opts.maySelf && person.id === call.caller.id) refuse("You can't do that to yourself.");
  if (!opts.mayBeAdmin) {
    const admin = await deps.admins.find(chatId, person.id);
    if (admin) refuse(`${admin.status === 'creator' ? 'The group owner' : 'Admins'} can't be moderated by me: Telegram doesn't allow it.`);
  }
  // What follows the target: for a reply, all arguments; for @user/id, what follows them.
  return { id: person.id, person, reason: parsed.reason, rest: parsed.reason };
}
