import { z } from 'zod';

export const DEFAULT_LOGIN_MAX_AGE_S = 24 * 3600;

/** web's own env, beside the service env every service reads. */
export const webEnvFields = {
  /** How old a Telegram sign-in payload's auth_date may be. */
  WEB_LOGIN_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(DEFAULT_LOGIN_MAX_AGE_S),
  /** Telegram user ids, comma-separated, who may open the dashboard's platform page (services always may). */
  WEB_PLATFORM_ADMINS: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const ids = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = ids.find((s) => !/^\d{1,16}$/.test(s));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not a Telegram user id (digits only, comma-separated)` });
        return z.NEVER;
      }
      return ids.map(Number);
    }),
};
