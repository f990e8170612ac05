import type express from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { BotClient } from '../connect/bot-client.js';
import { botMessageInput, botModerationInput, botModerationResult, botStatusSchema } from '../connect/bot-client.js';
import { connectionsRoute } from '../connect/connections.routes.js';
import type { ConnectionRegistry } from '../connect/registry.js';
import { groupPath } from '../domain/index.js';
import { authenticate, type AuthOptions } from '../shared/auth/index.js';
import { RouteTable } from '../shared/routes/index.js';
import { createServiceApp, type ServiceTelemetry } from '../shared/service-app.js';

export interface BotAppDeps {
  telemetry: ServiceTelemetry;
  service: BotClient;
  auth: AuthOptions;
  /** Telegram's webhook route, when the bot runs in webhook mode. */
  webhook?: WebhookRoute | undefined;
  /** How this bot reaches its callee (the api), shown at GET /connections as web shows its own. */
  connections: Pick<ConnectionRegistry, 'snapshot'>;
}

/**
 * The bot's HTTP side: the Telegram webhook, bot/v1 for web (BotClient over REST; platform
 * services only: people reach the bot through web, which checks their group role), and
 * /connections.
 */
export function createBotApp(deps: BotAppDeps): express.Express {
  const table = new RouteTable();
  if (deps.webhook) webhookRoute(table, deps.webhook);
  connectionsRoute(table, deps.connections);
  const v1 = table.under('/bot/v1');
  v1.add(
    {
      method: 'get',
      path: '/status',
      operationId: 'getBotStatus',
      tag: 'bot',
      summary: 'Whether the bot runs, its mode and username',
      response: botStatusSchema,
      servicesOnly: true,
    },
    async () => ({ data: await deps.service.status() }),
  );
  v1.add(
    {
      method: 'post',
      path: '/groups/:groupId/messages',
      operationId: 'sendGroupMessage',
      tag: 'bot',
      summary: 'Send a message to a group as the bot',
      params: groupPath,
      body: botMessageInput,
      response: z.object({ message_id: z.number().int() }),
      status: 201,
      servicesOnly: true,
    },
    async ({ params, body, auth }) => ({
      data: await deps.service.sendMessage(params.groupId, body, auth.actorId === undefined ? {} : { actorId: auth.actorId }),
      status: 201,
      message: 'message sent',
    }),
  );
  v1.add(
    {
      method: 'post',
      path: '/groups/:groupId/moderation',
      operationId: 'moderateMember',
      tag: 'bot',
      summary: 'Warn, mute, unmute, ban or unban a member for the person named in X-Actor-Id',
      description: "The person's Telegram rights decide, as for their own commands; recorded with source web.",
      params: groupPath,
      body: botModerationInput,
      response: botModerationResult,
      status: 201,
      servicesOnly: true,
      errors: { 409: 'The target is an admin, the bot lacks "Ban users", or the bot left the group.' },
    },
    async ({ params, body, auth }) => ({
      data: await deps.service.moderate(params.groupId, body, auth.actorId === undefined ? {} : { actorId: auth.actorId }),
      status: 201,
    }),
  );
  return createServiceApp(deps.telemetry, table, {
    info: {
      title: 'botplatform bot',
      version: '0.1.0',
      description: 'The bot service: what web asks of the bot (bot/v1) and its connection methods.',
      tags: [{ name: 'bot' }],
    },
    authenticate: authenticate(deps.auth),
  });
}

/** Where Telegram posts updates, and the router that checks its secret header and handles them. */
export interface WebhookRoute {
  path: string;
  router: RequestHandler;
}

/** Telegram's POST to the webhook path: its own secret header is the credential, not a bearer; it parses its own body. */
export function webhookRoute(table: RouteTable, webhook: WebhookRoute): void {
  table.raw(
    { method: 'post', path: webhook.path, operationId: 'receiveTelegramUpdate', tag: 'telegram', summary: 'Telegram webhook', auth: 'none', hidden: true },
    webhook.router,
  );
}
