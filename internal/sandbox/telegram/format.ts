import { BotApiError } from './errors.js';

/** Tags Telegram's HTML parse mode accepts; anything else is a 400, which catches real bugs. */
const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);

function cantParse(reason: string): BotApiError {
  return BotApiError.badRequest(`can't parse entities: ${reason}`);
}

function fromHtml(text: string): string {
  const open: string[] = [];
  for (const match of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z-]*)[^>]*>/g)) {
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const byteOffset = Buffer.byteLength(text.slice(0, match.index ?? 0));
    if (!HTML_TAGS.has(name)) throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset}`);
    if (!closing) open.push(name);
    else if (open.pop() !== name) throw cantParse(`Unexpected end tag at byte offset ${byteOffset}`);
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

// MarkdownV2 demands that these be escaped everywhere outside entity syntax; the ones that are
// never markup on their own are the classic source of "Character '.' is reserved" errors.
const NEVER_MARKUP = new Set(['.', '!', '-', '=', '+', '#', '{', '}']);

function fromMarkdownV2(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\\') {
      out += text.charAt(i + 1);
      i++;
      continue;
    }
    if (NEVER_MARKUP.has(ch)) throw cantParse(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    // Inside an inline link's (url) only ')' and '\' need escaping, so skip the url whole.
    if (ch === ']' && text.charAt(i + 1) === '(') {
      const close = text.indexOf(')', i + 2);
      i = close === -1 ? text.length : close;
      continue;
    }
    if ('*_~|`['.includes(ch)) continue;
    out += ch;
  }
  return out;
}

/**
 * The text as Telegram stores it after applying `parse_mode` (markup removed), or a 400 with
 * Telegram's wording when the markup is invalid. Legacy Markdown is passed through.
 */
export function plainText(text: string, parseMode: string | undefined): string {
  if (parseMode === 'HTML') return fromHtml(text);
  if (parseMode === 'MarkdownV2') return fromMarkdownV2(text);
  return text;
}
