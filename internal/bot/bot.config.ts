import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { serviceEnvSchema } from '../shared/config.js';
import { webhookSecretSchema } from './transport/index.js';

/** What the bot reads beyond the common service env (DESIGN.md section 5 names them). */
export const botEnvFields = {
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  /** Public https URL Telegram posts updates to (webhook mode). */
  WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEBHOOK_SECRET: webhookSecretSchema.optional(),
  /** Where the webhook route is mounted on the bot's port; by default WEBHOOK_URL's path. */
  WEBHOOK_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*$/, 'a path like /telegram/webhook')
    .optional(),
  /** A self-hosted Bot API server (or the test fake); api.telegram.org when unset. */
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).optional(),
};

export const botEnvSchema = serviceEnvSchema.extend(botEnvFields).refine((e) => e.BOT_MODE !== 'webhook' || e.WEBHOOK_URL !== undefined, {
  message: 'webhook mode needs WEBHOOK_URL',
  path: ['BOT_MODE'],
});
export type BotEnv = z.infer<typeof botEnvSchema>;

/**
 * The webhook's secret_token when WEBHOOK_SECRET is not set (the BotPlatform's
 * secretTokenSecretRef is optional): derived from the bot token, so every replica agrees
 * on it without configuration, and one-way, so it reveals nothing about the token. A
 * webhook is never left without a secret.
 */
export function webhookSecretFor(token: string, configured: string | undefined): string {
  return configured ?? createHmac('sha256', token).update('botplatform webhook secret').digest('base64url');
}

/**
 * The path the webhook route listens on: WEBHOOK_PATH, else the path of WEBHOOK_URL (an
 * Ingress passes it through unchanged), else /telegram/webhook.
 */
export function webhookPathFor(configured: string | undefined, url: string | undefined): string {
  if (configured) return configured;
  const path = url ? new URL(url).pathname : '';
  return path && path !== '/' ? path : '/telegram/webhook';
}
