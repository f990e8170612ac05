import type { ActorContext } from '../../domain/index.js';
import type { AuthContext } from '../../shared/auth/index.js';

/** Who acts, for the domain and its audit log: the person, or the service and the user it names. */
export const ctxOf = (auth: AuthContext): ActorContext =>
  auth.principal.kind === 'service' ? { actor_id: auth.actorId, service: auth.principal.name } : { actor_id: auth.principal.userId };
