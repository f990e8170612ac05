/**
 * The longest each welcome placeholder can render to, in the characters Telegram counts (the
 * text after its HTML is parsed): names are at most 64 characters each on Telegram, a group
 * title 128, a username 32. The bot fills these placeholders (bot/messages/welcome.ts); a
 * test there keeps the two lists the same.
 */
export const PLACEHOLDER_MAX: Readonly<Record<string, number>> = {
  first: 64,
  first_name: 64,
  last: 64,
  fullname: 129,
  // @username, or the mention's name when there is no username.
  username: 129,
  mention: 129,
  id: 16,
  count: 10,
  chatname: 128,
  rules: 'Send /rules to read the rules.'.length,
};

/** Telegram's limit on a message's text. */
export const TELEGRAM_TEXT_MAX = 4096;

/** How long the welcome can get when every name in it is as long as Telegram allows. */
export function worstCaseLength(template: string): number {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => 'x'.repeat(PLACEHOLDER_MAX[name] ?? whole.length)).length;
}
