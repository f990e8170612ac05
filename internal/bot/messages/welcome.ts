import { escapeHtml, fullName, mention, type Person } from './html.js';

export interface WelcomeVars {
  user: Person;
  chatName: string;
  count: number | undefined;
}

/**
 * Fills {first} {last} {fullname} {username} {mention} {id} {count} {chatname} {rules}
 * ({first_name} too, the default text's spelling). The template is escaped: admins write
 * plain text, and a member's name can never inject markup.
 */
export function renderWelcome(template: string, v: WelcomeVars): string {
  const values: Record<string, string> = {
    first: escapeHtml(v.user.first_name ?? ''),
    first_name: escapeHtml(v.user.first_name ?? ''),
    last: escapeHtml(v.user.last_name ?? ''),
    fullname: escapeHtml(fullName(v.user)),
    username: v.user.username ? `@${escapeHtml(v.user.username)}` : mention(v.user),
    mention: mention(v.user),
    id: String(v.user.id),
    count: v.count === undefined ? '' : String(v.count),
    chatname: escapeHtml(v.chatName),
    rules: 'Send /rules to read the rules.',
  };
  return escapeHtml(template).replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
