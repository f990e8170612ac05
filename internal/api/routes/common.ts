import { z } from 'zod';
import { groupIdParam, userIdParam } from '../../domain/index.js';

/** Path parameter objects shared by the routes. */
export const groupPath = z.strictObject({ groupId: groupIdParam });
export const groupUserPath = z.strictObject({ groupId: groupIdParam, userId: userIdParam });

/** `{items, next_cursor}` of a list answer, for the OpenAPI document. */
export const page = (item: z.ZodType) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

/** What a service passes to the domain: who acts, for the audit log. */
export const ctxOf = (auth: { actorId: number | undefined }) => ({ actor_id: auth.actorId });
