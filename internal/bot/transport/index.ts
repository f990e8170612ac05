// How updates reach the bot: the webhook route (secret, validation, de-duplication), the
// allowed update types, and polling guarded by a per-token Redis lock (issue #5 item 6).
export { ALLOWED_UPDATES, type AllowedUpdate } from './allowed-updates.js';
export { createWebhookHandler, SECRET_HEADER, type WebhookHandler, type WebhookHandlerOptions } from './webhook.handler.js';
export { secretMatches, webhookSecretSchema } from './webhook-secret.js';
export { UpdateDedup, type UpdateDedupOptions } from './update-dedup.js';
export { PollingLock, PollingLockHeldError, pollingLockKey, type PollingLockOptions } from './polling-lock.js';
export { startPolling, setWebhook, type PollingRun, type StartPollingOptions, type SetWebhookOptions } from './bot-mode.js';
