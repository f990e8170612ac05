import { z } from 'zod';
import type { Connections } from '../connect/connections.js';
import { botStatusSchema } from '../connect/bot-client.js';
import type { AuthContext } from '../shared/auth/index.js';
import { AppError, errorMessage } from '../shared/errors.js';
import type { Health } from '../shared/health.js';
import type { RouteScope } from '../shared/routes/index.js';

export interface PlatformPageOptions {
  connections: Connections;
  health: Health;
  /** PLATFORM_ADMINS: the people who may see it; services always may. */
  admins: readonly number[];
}

const connection = z.object({ method: z.enum(['router', 'rest', 'hybrid', 'disabled']), url: z.string().nullable().optional(), source: z.string() });
const platformSchema = z.object({
  connections: z.object({
    hash: z.string().nullable(),
    redis: z.enum(['up', 'down', 'not configured']),
    services: z.object({ api: connection, bot: connection, web: connection }),
  }),
  health: z.object({
    web: z.object({ ready: z.boolean(), checks: z.record(z.string(), z.boolean()) }),
    api: z.object({ reachable: z.boolean(), error: z.string().nullable() }),
    bot: z.object({ status: botStatusSchema.nullable(), error: z.string().nullable() }),
  }),
});

export const isPlatformAdmin = (auth: AuthContext, admins: readonly number[]): boolean =>
  auth.principal.kind === 'service' || admins.includes(auth.principal.userId);

/**
 * The platform page's data: each service's connection method and where it came from, and
 * whether web can reach the api and the bot, as web sees them right now. Each probe that
 * fails says why instead of failing the page.
 */
export function platformRoutes(t: RouteScope, o: PlatformPageOptions): void {
  t.add(
    {
      method: 'get',
      path: '/platform',
      operationId: 'getPlatform',
      tag: 'platform',
      summary: 'Connection methods, bot status and health, for services and platform admins',
      response: platformSchema,
      description: 'A person outside PLATFORM_ADMINS gets 403.',
    },
    async ({ auth }) => {
      if (!isPlatformAdmin(auth, o.admins))
        throw new AppError('FORBIDDEN', 'the platform page is for platform admins: ask whoever runs the platform to add you to PLATFORM_ADMINS');
      const [web, api, bot] = await Promise.all([
        o.health.readiness(),
        o.connections.api.listGroups({ limit: 1 }).then(
          () => ({ reachable: true, error: null }),
          (err: unknown) => ({ reachable: false, error: errorMessage(err) }),
        ),
        o.connections.bot.status().then(
          (status) => ({ status, error: null }),
          (err: unknown) => ({ status: null, error: errorMessage(err) }),
        ),
      ]);
      const snap = o.connections.registry.snapshot();
      return { data: { connections: { ...snap, hash: snap.hash ?? null }, health: { web, api, bot } } };
    },
  );
}
