import type express from 'express';
import type { RequestHandler } from 'express';
import { isPermission, personAuthorizer, type Services } from '../domain/index.js';
import { authenticate, type AuthOptions } from '../shared/auth/index.js';
import type { Health } from '../shared/health.js';
import { RouteTable, type Authorizer } from '../shared/routes/index.js';
import { createServiceApp, type ServiceTelemetry } from '../shared/service-app.js';
import { actionRoutes } from './routes/actions.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { groupRoutes } from './routes/groups.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { permissionRoutes } from './routes/permissions.routes.js';
import { roleRoutes } from './routes/roles.routes.js';
import { ruleRoutes } from './routes/rules.routes.js';
import { settingsRoutes } from './routes/settings.routes.js';
import { userRoutes } from './routes/users.routes.js';

export const API_BASE = '/api/v2';

export interface ApiAppDeps {
  telemetry: ServiceTelemetry;
  services: Services;
  auth: AuthOptions;
  /** Reports dependencies for GET /api/health (store, cache). */
  status?: () => Promise<Record<string, unknown>>;
  bodyLimit?: string;
  /** Runs after authentication: the per-caller rate limit (rate-limit/), absent in tests that do not need one. */
  rateLimit?: RequestHandler;
  version?: string;
}

/**
 * People (JWT) are scoped to the groups where their role grants the route's permission;
 * services (API keys) are trusted callers that carry the acting user in X-Actor-Id.
 */
export const authorizer = (services: Services): Authorizer => personAuthorizer((input) => services.permissions.check(input));

/** Every api route; a permission a route names must be one of the vocabulary's (checked here, at start). */
export function buildRoutes(services: Services, health: Health, status?: ApiAppDeps['status']): { table: RouteTable; authorize: Authorizer } {
  const table = new RouteTable();
  const authorize = authorizer(services);
  const v2 = table.under(API_BASE);
  groupRoutes(v2, services);
  userRoutes(v2, services);
  roleRoutes(v2, services);
  ruleRoutes(v2, services);
  settingsRoutes(v2, services);
  actionRoutes(v2, services, authorize);
  auditRoutes(v2, services);
  permissionRoutes(v2, services);
  healthRoutes(table, health, status);
  for (const { spec } of table.routes()) {
    if (spec.permission !== undefined && !isPermission(spec.permission))
      throw new Error(`route ${spec.operationId} names an unknown permission ${spec.permission}`);
  }
  return { table, authorize };
}

/** The api as an Express app that does not listen yet; tests mount it on port 0. */
export function createApiApp(deps: ApiAppDeps): express.Express {
  const { table, authorize } = buildRoutes(deps.services, deps.telemetry.health, deps.status);
  return createServiceApp(deps.telemetry, table, {
    info: {
      title: 'botplatform api',
      version: deps.version ?? '0.1.0',
      description:
        'Groups, members, roles, rules, settings, moderation actions, audit log and statistics for Telegram group bots. ' +
        'Every answer is an envelope: `{success: true, data, message?}` or `{success: false, error: {code, message, details}}`. ' +
        'Lists take `limit` (at most 100) and an opaque `cursor`, and answer `{items, next_cursor}`. ' +
        'Telegram ids are integers below 2^53 in magnitude; group ids are negative.',
      tags: ['groups', 'users', 'roles', 'rules', 'settings', 'actions', 'audit', 'permissions', 'stats'].map((name) => ({ name })),
    },
    bodyLimit: deps.bodyLimit ?? '1mb',
    authenticate: authenticate(deps.auth),
    authorize,
    ...(deps.rateLimit ? { afterAuth: [deps.rateLimit] } : {}),
  });
}
