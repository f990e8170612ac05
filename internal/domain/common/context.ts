/**
 * Who is acting. A person: `actor_id` alone. A platform service (bot, web, admin key):
 * `service`, with the Telegram user it acts for in `actor_id` when it named one. Neither:
 * the system itself (a sweep, a migration).
 */
export interface ActorContext {
  actor_id?: number | undefined;
  service?: string | undefined;
}

/** The actor an audit entry names, as stored. */
export interface AuditActor {
  type: 'person' | 'service' | 'system';
  /** The calling service's name; null for a person or the system. */
  service: string | null;
  /** The Telegram user: the person, or the one a service acted for; null when none. */
  user_id: number | null;
}

export function actorOf(ctx: ActorContext): AuditActor {
  const user = ctx.actor_id ?? null;
  if (ctx.service !== undefined) return { type: 'service', service: ctx.service, user_id: user };
  return user === null ? { type: 'system', service: null, user_id: null } : { type: 'person', service: null, user_id: user };
}

export type Clock = () => Date;

/** UTC day string (YYYY-MM-DD): stats are bucketed per UTC day so replicas agree. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
