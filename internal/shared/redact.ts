/**
 * Redaction of secrets in anything we log or return in an error. Telegram bot tokens
 * have the shape `<bot id>:<35 url-safe chars>` and leak through URLs such as
 * `https://api.telegram.org/bot<token>/sendMessage`, so they are matched anywhere in text.
 */
// No leading \b: in `bot123:ABC` the id follows a letter, with no word boundary between.
const BOT_TOKEN = /(?<!\d)\d{5,16}:[A-Za-z0-9_-]{30,}/g;
// Credentials inside connection strings: mongodb://user:pass@host, redis://:pass@host.
const URI_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^:/@\s]*):([^@/\s]+)@/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;

const SECRET_KEY = /(token|secret|password|passwd|api[_-]?key|authorization|cookie|jwt)/i;

export const REDACTED = '[REDACTED]';

export function redactText(text: string): string {
  return text
    .replace(BOT_TOKEN, REDACTED)
    .replace(URI_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(BEARER, (_m, prefix: string) => `${prefix}${REDACTED}`);
}

/** Deep copy of `value` with secret-named fields masked and secret-shaped strings redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
