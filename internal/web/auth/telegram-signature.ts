import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The Telegram user a signed payload names: what the dashboard shows and the session keeps. */
export interface TelegramIdentity {
  id: number;
  first_name: string;
  last_name?: string | undefined;
  username?: string | undefined;
  photo_url?: string | undefined;
  language_code?: string | undefined;
}

export type SignatureResult = { ok: true; user: TelegramIdentity; authDate: Date } | { ok: false; reason: string };

export interface SignatureOptions {
  now?: Date;
  /** How old `auth_date` may be; Telegram's payloads do not expire on their own. */
  maxAgeS: number;
}

/**
 * A signed `auth_date` may run ahead of this machine's clock by this much (clock skew between
 * Telegram and us); anything further ahead was not signed by Telegram at the time it says.
 */
const FUTURE_SKEW_S = 30;

const HEX_HASH = /^[0-9a-f]{64}$/;

/** Telegram's data-check-string: every received field but `hash`, sorted, `key=value`, joined by `\n`. */
export function dataCheckString(fields: ReadonlyMap<string, string>): string {
  return [...fields.keys()]
    .filter((k) => k !== 'hash')
    .sort()
    .map((k) => `${k}=${fields.get(k) ?? ''}`)
    .join('\n');
}

function verify(fields: ReadonlyMap<string, string>, secret: Buffer, user: unknown, opts: SignatureOptions): SignatureResult {
  const hash = fields.get('hash');
  if (hash === undefined || !HEX_HASH.test(hash)) return { ok: false, reason: 'the sign-in data has no valid hash' };
  const expected = createHmac('sha256', secret).update(dataCheckString(fields)).digest();
  // Constant time: how much of a guessed hash matches must not show in the time taken.
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'the sign-in data is not signed by this bot' };
  const authDate = Number(fields.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: 'the sign-in data has no auth_date' };
  const nowS = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (authDate > nowS + FUTURE_SKEW_S) return { ok: false, reason: 'the sign-in data is dated in the future' };
  if (nowS - authDate > opts.maxAgeS) return { ok: false, reason: `the sign-in data is older than ${opts.maxAgeS} s; sign in again` };
  const parsed = identitySchema.safeParse(user);
  if (!parsed.success) return { ok: false, reason: 'the sign-in data names no Telegram user' };
  return { ok: true, user: parsed.data, authDate: new Date(authDate * 1000) };
}

const identitySchema = z.object({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  first_name: z.string().min(1).max(256),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
  photo_url: z
    .url({ protocol: /^https$/ })
    .max(2048)
    .optional(),
  language_code: z.string().max(35).optional(),
});

/**
 * The Telegram Login Widget's payload (https://core.telegram.org/widgets/login): `hash` is the
 * hex HMAC-SHA-256 of the data-check-string keyed with SHA-256 of the bot token. Every field
 * received counts, so a field Telegram adds later is signed too and nothing can be slipped in.
 */
export function verifyLoginWidget(payload: Readonly<Record<string, string | number | boolean>>, botToken: string, opts: SignatureOptions): SignatureResult {
  const fields = new Map(Object.entries(payload).map(([k, v]) => [k, String(v)]));
  const secret = createHash('sha256').update(botToken).digest();
  const user = { ...payload, id: Number(payload.id) };
  return verify(fields, secret, user, opts);
}

/**
 * A Mini App's `initData` (https://core.telegram.org/bots/webapps, "Validating data received
 * via the Mini App"): a query string whose `hash` is keyed with HMAC-SHA-256 of the bot
 * token under the key `WebAppData`; the user is a JSON field.
 */
export function verifyInitData(initData: string, botToken: string, opts: SignatureOptions): SignatureResult {
  const params = new URLSearchParams(initData);
  const fields = new Map<string, string>();
  for (const [k, v] of params) {
    if (fields.has(k)) return { ok: false, reason: `the sign-in data repeats the field ${k}` };
    fields.set(k, v);
  }
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  let user: unknown;
  try {
    user = JSON.parse(fields.get('user') ?? 'null');
  } catch {
    user = undefined;
  }
  return verify(fields, secret, user, opts);
}
