import { z } from 'zod';

/**
 * Telegram ids use up to 52 bits, so they are plain JS numbers (stored as doubles);
 * Int32 would silently truncate supergroup ids like -1001234567890.
 */
export const telegramId = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/**
 * Group chats always have negative ids (supergroups start with -100). A bound rather than
 * a refinement, so the OpenAPI document carries it (`maximum: -1`).
 */
export const groupId = telegramId.max(-1, 'a group id is negative');

/**
 * User ids are positive; sender chats (channels) acting in a group are negative, so only 0
 * is refused. JSON Schema has no "non-zero" bound: the document says `not: {const: 0}`.
 */
export const userId = telegramId.refine((n) => n !== 0, 'a user id is non-zero').meta({ not: { const: 0 } });

/** Any chat a message can go to (a user, a group, a channel): as with user ids, only 0 is none. */
export const chatId = telegramId.refine((n) => n !== 0, 'not a chat id').meta({ not: { const: 0 } });

/**
 * "At least one field", for PATCH bodies. A refinement zod cannot put into JSON Schema,
 * so the document carries it as `minProperties: 1`.
 */
export const SOME_FIELD = { minProperties: 1 } as const;

/**
 * An id in a path or query string: decimal digits, optionally written with a zero fraction
 * (`-100123.0`), which is the same integer to JSON and to clients that hold ids as doubles.
 */
const intString = z
  .string()
  .regex(/^-?\d{1,16}(?:\.0+)?$/, 'expected an integer id')
  .transform(Number);

/** Path parameters arrive as strings. */
export const groupIdParam = intString.pipe(groupId);
export const userIdParam = intString.pipe(userId);

/** The path parameter objects of group and member routes, for every service that serves them. */
export const groupPath = z.strictObject({ groupId: groupIdParam });
export const groupUserPath = z.strictObject({ groupId: groupIdParam, userId: userIdParam });

/** ISO timestamps in request bodies, turned into Dates. */
export const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** Query-string booleans (`?active=true`) and real booleans both accepted. */
export const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export type TelegramId = z.infer<typeof telegramId>;
