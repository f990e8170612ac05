/** Replies are HTML: user-supplied names and reasons must be escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface Person {
  id: number;
  first_name?: string | undefined;
  last_name?: string | undefined;
  username?: string | undefined;
}

export function fullName(p: Person): string {
  const name = [p.first_name, p.last_name].filter(Boolean).join(' ').trim();
  return name || (p.username ? `@${p.username}` : `user ${p.id}`);
}

/** A clickable mention that works without a username (tg://user?id=). */
export function mention(p: Person): string {
  return `<a href="tg://user?id=${p.id}">${escapeHtml(fullName(p))}</a>`;
}

export function reasonSuffix(reason: string): string {
  return reason ? `\nReason: ${escapeHtml(reason)}` : '';
}
