import type express from 'express';
import { z } from 'zod';
import { webhookRoute, type WebhookRoute } from '../bot/app.js';
import { botMessageInput, botModerationInput, botModerationResult, botStatusSchema } from '../connect/bot-client.js';
import { connectionsRoute } from '../connect/connections.routes.js';
import type { Connections } from '../connect/connections.js';
import {
  actionReadRoutes,
  roleRouteSpecs,
  ruleRouteSpecs,
  auditReadRoutes,
  expectedFromIfMatch,
  groupPath,
  groupReadRoutes,
  personAuthorizer,
  settingsEtag,
  settingsRouteSpecs,
  userReadRoutes,
} from '../domain/index.js';
import type { AuthContext, AuthOptions } from '../shared/auth/index.js';
import { AppError } from '../shared/errors.js';
import { RouteTable } from '../shared/routes/index.js';
import { createServiceApp, type ServiceTelemetry } from '../shared/service-app.js';
import { authRoutes, type SignInOptions } from './auth/auth.routes.js';
import { csrfGuard } from './auth/csrf.js';
import { webAuthenticate } from './auth/web-authenticate.js';
import { DEFAULT_LOGIN_MAX_AGE_S } from './web.config.js';
import { dashboardRoutes, defaultDashboardDir } from './dashboard.routes.js';
import { playgroundRoutes, type PlaygroundOptions } from './playground/playground.routes.js';
import { isPlatformAdmin, platformRoutes } from './platform.routes.js';
import { reportRoutes } from './reports/reports.routes.js';

export interface WebAppDeps {
  telemetry: ServiceTelemetry;
  connections: Connections;
  auth: AuthOptions;
  /** Telegram's webhook route, when web hosts the bot (router) in webhook mode. */
  botWebhook?: WebhookRoute | undefined;
  /** Sign-in with Telegram and sessions; without a bot token and sessions, sign-in answers 503. */
  signIn?: SignInOptions | undefined;
  /** WEB_PUBLIC_URL's origin: the only Origin a browser's change may come from, when set. */
  publicOrigin?: string | undefined;
  /** The built dashboard (dist/web-ui); found beside the code unless given. */
  dashboardDir?: string | undefined;
  /** The simulated Telegram of `make run` without a token; its routes exist only then. */
  playground?: PlaygroundOptions | undefined;
  /** PLATFORM_ADMINS: the people who may open the platform page. */
  platformAdmins?: readonly number[] | undefined;
}

/**
 * web: REST for web clients (read-only until the dashboard lands), served through the
 * ApiClient so each connection method has a real caller; /connections shows which.
 */
export function createWebApp(deps: WebAppDeps): express.Express {
  const table = new RouteTable();
  if (deps.botWebhook) webhookRoute(table, deps.botWebhook);
  connectionsRoute(table, deps.connections.registry);
  dashboardRoutes(table, deps.dashboardDir ?? defaultDashboardDir());
  // A person's call reaches the api under their own identity; a service's under web's key.
  const apiFor = (auth: AuthContext) => {
    if (auth.principal.kind === 'service') return deps.connections.api;
    if (!auth.credential) throw new AppError('UNAUTHORIZED', 'no access token to act on your behalf');
    return deps.connections.apiAs({ userId: auth.principal.userId, token: auth.credential });
  };
  const v1 = table.under('/web/v1');
  const admins = deps.platformAdmins ?? [];
  authRoutes(v1, {
    ...(deps.signIn ?? { maxAgeS: DEFAULT_LOGIN_MAX_AGE_S }),
    playgroundGroupId: deps.playground?.playground.groupId,
    isPlatformAdmin: (auth) => isPlatformAdmin(auth, admins),
  });
  platformRoutes(v1, { connections: deps.connections, health: deps.telemetry.health, admins });
  if (deps.playground) playgroundRoutes(v1, deps.playground);
  v1.add(groupReadRoutes.list, async ({ query, auth }) => ({ data: await apiFor(auth).listGroups(query) }));
  v1.add(groupReadRoutes.mine, async ({ auth }) => ({ data: await apiFor(auth).myGroups() }));
  v1.add(groupReadRoutes.get, async ({ params, auth }) => ({ data: await apiFor(auth).getGroup(params.groupId) }));
  v1.add(settingsRouteSpecs.get, async ({ params, auth }) => {
    const settings = await apiFor(auth).getSettings(params.groupId);
    return { data: settings, headers: { etag: settingsEtag(settings.updated_at) } };
  });
  v1.add(settingsRouteSpecs.update, async ({ params, body, auth, header }) => {
    const settings = await apiFor(auth).updateSettings(params.groupId, body, undefined, expectedFromIfMatch(header('if-match')));
    return { data: settings, headers: { etag: settingsEtag(settings.updated_at) }, message: 'settings updated' };
  });
  reportRoutes(v1, apiFor);
  v1.add(auditReadRoutes.list, async ({ params, query, auth }) => ({ data: await apiFor(auth).listLogs(params.groupId, query) }));
  v1.add(userReadRoutes.list, async ({ params, query, auth }) => ({ data: await apiFor(auth).listUsers(params.groupId, query) }));
  v1.add(userReadRoutes.get, async ({ params, auth }) => ({ data: await apiFor(auth).getUser(params.groupId, params.userId) }));
  v1.add(userReadRoutes.warnings, async ({ params, auth }) => ({ data: await apiFor(auth).warnings(params.groupId, params.userId) }));
  v1.add(userReadRoutes.update, async ({ params, body, auth }) => ({
    data: await apiFor(auth).updateUser(params.groupId, params.userId, body),
    message: 'member updated',
  }));
  v1.add(ruleRouteSpecs.list, async ({ params, query, auth }) => ({ data: await apiFor(auth).listRules(params.groupId, query) }));
  v1.add(ruleRouteSpecs.create, async ({ params, body, auth }) => ({ data: await apiFor(auth).createRule(params.groupId, body), message: 'rule created' }));
  v1.add(ruleRouteSpecs.update, async ({ params, body, auth }) => ({
    data: await apiFor(auth).updateRule(params.groupId, params.ruleName, body),
    message: 'rule updated',
  }));
  v1.add(ruleRouteSpecs.delete, async ({ params, auth }) => {
    await apiFor(auth).deleteRule(params.groupId, params.ruleName);
    return { data: null, message: 'rule deleted' };
  });
  v1.add(actionReadRoutes.list, async ({ params, query, auth }) => ({ data: await apiFor(auth).listActions(params.groupId, query) }));
  v1.add(roleRouteSpecs.list, async ({ params, query, auth }) => ({ data: await apiFor(auth).listRoles(params.groupId, query) }));
  v1.add(roleRouteSpecs.create, async ({ params, body, auth }) => ({ data: await apiFor(auth).createRole(params.groupId, body), message: 'role created' }));
  v1.add(roleRouteSpecs.update, async ({ params, body, auth }) => ({
    data: await apiFor(auth).updateRole(params.groupId, params.name, body),
    message: 'role updated',
  }));
  v1.add(roleRouteSpecs.delete, async ({ params, auth }) => {
    await apiFor(auth).deleteRole(params.groupId, params.name);
    return { data: null, message: 'role deleted' };
  });
  v1.add(groupReadRoutes.stats, async ({ params, query, auth }) => ({ data: await apiFor(auth).groupStats(params.groupId, query) }));
  // What web asks of the bot (BotClient): an announcement from the dashboard, and whether it runs.
  v1.add(
    {
      method: 'post',
      path: '/groups/:groupId/messages',
      operationId: 'sendGroupMessage',
      tag: 'bot',
      summary: 'Send an announcement to the group through the bot',
      params: groupPath,
      body: botMessageInput,
      response: z.object({ message_id: z.number().int() }),
      status: 201,
      permission: 'settings.edit',
    },
    async ({ params, body, auth }) => ({
      data: await deps.connections.bot.sendMessage(params.groupId, body, auth.actorId === undefined ? {} : { actorId: auth.actorId }),
      message: 'message sent',
    }),
  );
  v1.add(
    {
      method: 'get',
      path: '/bot/status',
      operationId: 'getBotStatus',
      tag: 'bot',
      summary: 'Whether the bot runs, its mode and username',
      response: botStatusSchema,
    },
    async () => ({ data: await deps.connections.bot.status() }),
  );
  v1.add(
    {
      method: 'post',
      path: '/groups/:groupId/moderation',
      operationId: 'moderateMember',
      tag: 'bot',
      summary: 'Warn, mute, unmute, ban or unban a member; the bot carries it out on Telegram and records it with source web',
      description: 'Your Telegram rights in the group decide, as for your own commands; the bot posts what it did in the group.',
      params: groupPath,
      body: botModerationInput,
      response: botModerationResult,
      status: 201,
      permission: 'members.view',
      errors: { 409: 'The target is an admin, the bot lacks "Ban users", or the bot left the group.' },
    },
    async ({ params, body, auth }) => ({
      data: await deps.connections.bot.moderate(params.groupId, body, auth.actorId === undefined ? {} : { actorId: auth.actorId }),
      status: 201,
    }),
  );
  return createServiceApp(deps.telemetry, table, {
    info: {
      title: 'botplatform web',
      version: '0.1.0',
      description: "REST for web clients: the dashboard's backend, with the api's envelope, errors and cursor paging.",
      tags: [
        { name: 'auth' },
        { name: 'groups' },
        { name: 'users' },
        { name: 'settings' },
        { name: 'rules' },
        { name: 'roles' },
        { name: 'audit' },
        { name: 'stats' },
        { name: 'reports' },
        { name: 'bot' },
        { name: 'playground' },
        { name: 'platform' },
      ],
    },
    authenticate: webAuthenticate(deps.auth, deps.signIn?.sessions),
    beforeRoutes: [csrfGuard({ publicOrigin: deps.publicOrigin })],
    // People need the route's permission in the group, as the api decides it (web asks, never guesses).
    authorize: personAuthorizer((input) => deps.connections.api.checkPermission(input)),
  });
}
