import { z } from 'zod';
import { groupIdParam, userIdParam, type ActorContext } from '../../domain/index.js';
import type { AuthContext } from '../../shared/auth/index.js';

/** Path parameter objects shared by the routes. */
export const groupPath = z.strictObject({ groupId: groupIdParam });
export const groupUserPath = z.strictObject({ groupId: groupIdParam, userId: userIdParam });

/** `{items, next_cursor}` of a list answer, for the OpenAPI document. */
export const page = (item: z.ZodType) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

/** Who acts, for the domain and its audit log: the person, or the service and the user it names. */
export const ctxOf = (auth: AuthContext): ActorContext =>
  auth.principal.kind === 'service' ? { actor_id: auth.actorId, service: auth.principal.name } : { actor_id: auth.principal.userId };
