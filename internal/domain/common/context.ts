/** Who is acting: a Telegram user id, or undefined when the system itself acts. */
export interface ActorContext {
  actor_id?: number | undefined;
}

export type Clock = () => Date;

/** UTC day string (YYYY-MM-DD): stats are bucketed per UTC day so replicas agree. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
