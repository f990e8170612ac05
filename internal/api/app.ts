import express, { type RequestHandler } from 'express';
import type { Services } from '../domain/index.js';
import { AppError } from '../shared/errors.js';
import { createServiceApp, finishApp, type ServiceKit } from '../shared/service-app.js';
import { authenticate, type AuthOptions } from './auth/principal.js';
import { docsRouter } from './docs.js';
import { API_BASE, buildOpenApi, OPS_PATHS } from './openapi.js';
import { opsMethodNotAllowed } from './ops-methods.js';
import { RouteTable, type Authorizer } from './route-table.js';
import { actionRoutes, auditRoutes } from './routes/actions-audit.routes.js';
import { groupRoutes } from './routes/groups.routes.js';
import { roleRoutes, ruleRoutes, settingsRoutes } from './routes/roles-rules-settings.routes.js';
import { userRoutes } from './routes/users.routes.js';

export interface ApiAppDeps {
  kit: ServiceKit;
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
export function authorizer(services: Services): Authorizer {
  return async (auth, groupId, spec) => {
    if (auth.principal.kind === 'service') return;
    if (spec.servicesOnly) throw new AppError('FORBIDDEN', 'this call is open to platform services only');
    if (!spec.permission) return;
    if (groupId === undefined) throw new AppError('FORBIDDEN', 'this call needs a group');
    const result = await services.permissions.check({ group_id: groupId, user_id: auth.principal.userId, permission: spec.permission });
    if (!result.allowed) throw new AppError('FORBIDDEN', `you need the ${spec.permission} permission in this group`);
  };
}

export function buildRoutes(services: Services): { table: RouteTable; authorize: Authorizer } {
  const table = new RouteTable();
  const authorize = authorizer(services);
  groupRoutes(table, services);
  userRoutes(table, services);
  roleRoutes(table, services);
  ruleRoutes(table, services);
  settingsRoutes(table, services);
  actionRoutes(table, services, authorize);
  auditRoutes(table, services);
  return { table, authorize };
}

/** The api as an Express app that does not listen yet; tests mount it on port 0. */
export function createApiApp(deps: ApiAppDeps): express.Express {
  const { table, authorize } = buildRoutes(deps.services);
  const app = createServiceApp(deps.kit, {
    bodyLimit: deps.bodyLimit ?? '1mb',
    hot: (body) => table.handler(API_BASE, authorize, body, authenticate(deps.auth), ...(deps.rateLimit ? [deps.rateLimit] : [])),
  });
  app.get('/api/health', async (_req, res) => {
    const readiness = await deps.kit.health.readiness();
    const dependencies = (await deps.status?.()) ?? {};
    res.status(readiness.ready ? 200 : 503).json({ success: readiness.ready, data: { status: readiness.ready ? 'ok' : 'degraded', checks: readiness.checks, dependencies } });
  });
  // Built on first request: JSON Schema for every route costs heap a running api rarely needs.
  let openapi: Record<string, unknown> | undefined;
  app.get('/openapi.json', (_req, res) => {
    openapi ??= buildOpenApi(table, deps.version ?? '0.1.0');
    res.json(openapi);
  });
  app.use('/docs', docsRouter('/openapi.json'));
  app.use(opsMethodNotAllowed(OPS_PATHS));
  return finishApp(app, deps.kit);
}
