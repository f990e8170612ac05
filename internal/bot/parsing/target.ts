/** The user a moderation command acts on, before any lookup. */
export type TargetRef = { kind: 'reply'; userId: number } | { kind: 'username'; username: string } | { kind: 'id'; userId: number };

export type TargetResult = { ok: true; target: TargetRef; reason: string } | { ok: false; message: string };

export interface TargetOptions {
  /** The author of the message the command replies to, when it is a reply. */
  replyTo?: { userId: number };
}

// Telegram usernames: 5-32 characters, letters, digits and underscores, starting with a letter.
const USERNAME = /^@([A-Za-z][A-Za-z0-9_]{4,31})$/;

/**
 * Finds the target of `/ban @user spam` style commands: an explicit `@username` or numeric id
 * as the first argument wins; otherwise the replied-to user. Whatever follows is the reason.
 * User ids take up to 52 bits, so anything up to 2^53-1 is valid; negative ids are chats.
 */
export function parseTarget(args: string, opts: TargetOptions = {}): TargetResult {
  const text = args.trim();
  const [first = ''] = text.split(/\s+/);
  const afterFirst = text.slice(first.length).trim();

  if (first.startsWith('@')) {
    const match = USERNAME.exec(first);
    if (!match?.[1]) return { ok: false, message: `"${first}" is not a valid username: 5 to 32 letters, digits or underscores, starting with a letter.` };
    return { ok: true, target: { kind: 'username', username: match[1] }, reason: afterFirst };
  }
  if (/^-?\d+$/.test(first)) {
    if (first.startsWith('-')) return { ok: false, message: `"${first}" looks like a chat id; user ids are positive numbers.` };
    const id = Number(first);
    if (!Number.isSafeInteger(id) || id === 0) return { ok: false, message: `"${first}" is not a valid Telegram user id.` };
    return { ok: true, target: { kind: 'id', userId: id }, reason: afterFirst };
  }
  if (opts.replyTo) return { ok: true, target: { kind: 'reply', userId: opts.replyTo.userId }, reason: text };
  return { ok: false, message: 'Who? Reply to one of their messages, or give their @username or numeric id.' };
}
