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
};
