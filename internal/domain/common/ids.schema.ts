import { z } from 'zod';

/**
 * Telegram ids use up to 52 bits, so they are plain JS numbers (stored as doubles);
 * Int32 would silently truncate supergroup ids like -1001234567890.
 */
export const telegramId = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** Group chats always have negative ids (supergroups start with -100). */
export const groupId = telegramId.refine((n) => n < 0, 'a group id is negative');

/** User ids are positive; sender chats (channels) acting in a group are negative, so only 0 is refused. */
export const userId = telegramId.refine((n) => n !== 0, 'a user id is non-zero');

const intString = z.string().regex(/^-?\d{1,16}$/, 'expected an integer id').transform(Number);

/** Path parameters arrive as strings. */
export const groupIdParam = intString.pipe(groupId);
export const userIdParam = intString.pipe(userId);

/** ISO timestamps in request bodies, turned into Dates. */
export const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** Query-string booleans (`?active=true`) and real booleans both accepted. */
export const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export type TelegramId = z.infer<typeof telegramId>;
