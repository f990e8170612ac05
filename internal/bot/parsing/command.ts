export interface ParsedCommand {
  /** Lower-cased, without the slash or @botname. */
  command: string;
  /** Everything after the command, trimmed at the start (newlines inside are kept). */
  args: string;
  argv: string[];
}

// Commands are 1-32 characters of letters, digits and underscores, like BotFather allows.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?=\s|$)/;

/**
 * Parses `/cmd args` and `/cmd@botname args`. In groups with several bots Telegram clients
 * append @botname to say whose command it is, so one addressed to another bot returns
 * undefined, as does text that is not a command at all.
 */
export function parseCommand(text: string, botUsername: string): ParsedCommand | undefined {
  const match = COMMAND.exec(text);
  if (!match?.[1]) return undefined;
  const addressee = match[2];
  if (addressee !== undefined && addressee.toLowerCase() !== botUsername.replace(/^@/, '').toLowerCase()) return undefined;
  const args = text.slice(match[0].length).replace(/^\s+/, '');
  return { command: match[1].toLowerCase(), args, argv: args === '' ? [] : args.split(/\s+/).filter((w) => w !== '') };
}
