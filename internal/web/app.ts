import { Router, type Request, type RequestHandler, type Response } from 'express';
import { authenticate, authOf, type AuthOptions } from '../api/auth/index.js';
import { AppError } from '../shared/errors.js';
import { botMessageInput } from '../connect/bot-client.js';
import type { Connections } from '../connect/connections.js';
import { groupIdParam, groupListQuery, groupStatsQuery } from '../domain/index.js';
import { parseInput } from '../api/validate.js';
import { sendOk } from '../shared/http.js';
import { createServiceApp, finishApp, type ServiceKit } from '../shared/service-app.js';
import { z } from 'zod';

export interface WebAppDeps {
  kit: ServiceKit;
  connections: Connections;
  auth: AuthOptions;
  /** Telegram's webhook route, when web hosts the bot (router) in webhook mode. */
  botWebhook?: { path: string; router: RequestHandler } | undefined;
}

const groupPath = z.strictObject({ groupId: groupIdParam });

/**
 * web: REST for web clients (read-only until the dashboard lands), served through the
 * ApiClient so each connection method has a real caller; /connections shows which.
 */
export function createWebApp(deps: WebAppDeps): ReturnType<typeof createServiceApp> {
  const app = createServiceApp(deps.kit);
  if (deps.botWebhook) app.use(deps.botWebhook.path, deps.botWebhook.router);
  const api = deps.connections.api;
  app.get('/connections', (_req, res) => {
    res.json(deps.connections.registry.snapshot());
  });
  const v1 = Router();
  /** The group of the path, once the caller may see it: people need the permission there. */
  const groupFor = async (req: Request, res: Response, permission: 'members.view' | 'stats.view' | 'settings.edit') => {
    const groupId = parseInput(groupPath, req.params, 'path').groupId;
    const { principal } = authOf(res);
    if (principal.kind === 'person') {
      const check = await api.checkPermission({ group_id: groupId, user_id: principal.userId, permission });
      if (!check.allowed) throw new AppError('FORBIDDEN', `you need the ${permission} permission in this group`);
    }
    return groupId;
  };
  v1.get('/groups', async (req, res) => {
    if (authOf(res).principal.kind === 'person') throw new AppError('FORBIDDEN', 'listing every group is open to platform services only');
    parseInput(groupListQuery, req.query, 'query');
    sendOk(res, await api.listGroups(req.query));
  });
  v1.get('/groups/:groupId', async (req, res) => {
    sendOk(res, await api.getGroup(await groupFor(req, res, 'members.view')));
  });
  v1.get('/groups/:groupId/stats', async (req, res) => {
    const groupId = await groupFor(req, res, 'stats.view');
    parseInput(groupStatsQuery, req.query, 'query');
    sendOk(res, await api.groupStats(groupId, req.query));
  });
  // What web asks of the bot (BotClient): an announcement from the dashboard, and whether it runs.
  v1.post('/groups/:groupId/messages', async (req, res) => {
    const groupId = await groupFor(req, res, 'settings.edit');
    const actor = authOf(res).actorId;
    sendOk(res, await deps.connections.bot.sendMessage(groupId, parseInput(botMessageInput, req.body, 'body'), actor === undefined ? {} : { actorId: actor }), 201, 'message sent');
  });
  v1.get('/bot/status', async (_req, res) => {
    sendOk(res, await deps.connections.bot.status());
  });
  app.use('/web/v1', authenticate(deps.auth), v1);
  return finishApp(app, deps.kit);
}
