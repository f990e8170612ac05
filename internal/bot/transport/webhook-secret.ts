import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Telegram's rule for secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -. */
export const webhookSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'webhook secret must be 1-256 characters of A-Z a-z 0-9 _ -');

/**
 * Constant-time comparison of the X-Telegram-Bot-Api-Secret-Token header. Hashing both
 * sides first gives timingSafeEqual equal-length inputs, so neither the content nor the
 * length of the secret leaks through response timing.
 */
export function secretMatches(expected: string, received: string | undefined): boolean {
  const want = createHash('sha256').update(expected).digest();
  const got = createHash('sha256')
    .update(received ?? '')
    .digest();
  return timingSafeEqual(want, got) && received !== undefined;
}
