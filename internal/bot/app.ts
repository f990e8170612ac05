import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { authenticate, authOf, type AuthOptions } from '../api/auth/index.js';
import { parseInput } from '../api/validate.js';
import type { BotClient } from '../connect/bot-client.js';
import type { ConnectionRegistry } from '../connect/registry.js';
import { groupIdParam } from '../domain/index.js';
import { AppError } from '../shared/errors.js';
import { sendOk } from '../shared/http.js';
import { createServiceApp, finishApp, type ServiceKit } from '../shared/service-app.js';

export interface BotAppDeps {
  kit: ServiceKit;
  service: BotClient;
  auth: AuthOptions;
  /** Telegram's webhook route, when the bot runs in webhook mode. */
  webhook?: { path: string; router: RequestHandler };
  /** How this bot reaches its callee (the api), shown at GET /connections as web shows its own. */
  connections: Pick<ConnectionRegistry, 'snapshot'>;
}

const groupPath = z.strictObject({ groupId: groupIdParam });

/** The bot's HTTP side: health and metrics, the Telegram webhook, and bot/v1 for web (BotClient over REST). */
export function createBotApp(deps: BotAppDeps): ReturnType<typeof createServiceApp> {
  const app = createServiceApp(deps.kit);
  if (deps.webhook) app.use(deps.webhook.path, deps.webhook.router);
  app.get('/connections', (_req, res) => {
    res.json(deps.connections.snapshot());
  });
  const v1 = Router();
  // Only platform services: people reach the bot through web, which checks their group role.
  v1.use((_req, res, next) => {
    if (authOf(res).principal.kind !== 'service') throw new AppError('FORBIDDEN', 'the bot answers platform services only');
    next();
  });
  v1.get('/status', async (_req, res) => {
    sendOk(res, await deps.service.status());
  });
  v1.post('/groups/:groupId/messages', async (req, res) => {
    const { groupId } = parseInput(groupPath, req.params, 'path');
    const actor = authOf(res).actorId;
    sendOk(res, await deps.service.sendMessage(groupId, req.body as never, actor === undefined ? {} : { actorId: actor }), 201, 'message sent');
  });
  app.use('/bot/v1', authenticate(deps.auth), v1);
  return finishApp(app, deps.kit);
}
