import { AppError } from '../../shared/errors.js';
import type { Authorizer } from '../../shared/routes/index.js';
import { PERMISSIONS, type Permission, type PermissionCheckInput, type PermissionCheckResult } from './permissions.schema.js';

export const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

/**
 * The rule for people on every service: services (API keys) are trusted callers; a person
 * (JWT) needs the route's permission in the route's group, as the permission check decides
 * it. The api asks its own service, web asks the api: the answer is the api's either way.
 */
export function personAuthorizer(check: (input: PermissionCheckInput) => Promise<Pick<PermissionCheckResult, 'allowed'>>): Authorizer {
  return async (auth, groupId, spec) => {
    if (auth.principal.kind === 'service') return;
    if (spec.servicesOnly) throw new AppError('FORBIDDEN', 'this call is open to platform services only');
    if (!spec.permission) return;
    if (groupId === undefined || !isPermission(spec.permission)) throw new AppError('FORBIDDEN', 'this call needs a group');
    const result = await check({ group_id: groupId, user_id: auth.principal.userId, permission: spec.permission });
    if (!result.allowed) throw new AppError('FORBIDDEN', `you need the ${spec.permission} permission in this group`);
  };
}
