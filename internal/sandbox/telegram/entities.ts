import type { MessageEntity } from 'telegraf/types';

/**
 * The entities Telegram computes for plain text that the bot relies on: `bot_command`
 * (`/cmd` or `/cmd@bot` at a word start) and `mention` (`@username`); hashtags, URLs and the
 * like are left out. Offsets and lengths are in UTF-16 code units, as in the real API, which is
 * also what JavaScript string indices count.
 */
export function computeEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const pattern = /(^|[\s(])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?|@[A-Za-z0-9_]{5,32})/g;
  for (const match of text.matchAll(pattern)) {
    const lead = match[1] ?? '';
    const token = match[2] ?? '';
    const offset = (match.index ?? 0) + lead.length;
    entities.push({ type: token.startsWith('/') ? 'bot_command' : 'mention', offset, length: token.length });
  }
  return entities;
}
