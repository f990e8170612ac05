import { auditReadRoutes, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';

export function auditRoutes(t: RouteScope, s: Services): void {
  t.add(auditReadRoutes.list, async ({ params, query }) => ({ data: await s.audit.list(params.groupId, query) }));
}
