import { DAY_MS } from '../common/context.js';
import type { Settings } from '../settings/settings.schema.js';
import type { Action, Penalty } from './actions.schema.js';

/** The penalty a group's warn_mode prescribes; tban/tmute are a timed ban/mute. */
export function warnPenalty(settings: Pick<Settings, 'warn_mode' | 'warn_mode_duration'>): Penalty {
  switch (settings.warn_mode) {
    case 'tban':
      return { action_type: 'ban', duration: settings.warn_mode_duration };
    case 'tmute':
      return { action_type: 'mute', duration: settings.warn_mode_duration };
    default:
      return { action_type: settings.warn_mode, duration: null };
  }
}

/** Oldest warn creation time that still counts; undefined when warns never expire. */
export function warnCutoff(settings: Pick<Settings, 'warn_expiry_days'>, now: Date): Date | undefined {
  return settings.warn_expiry_days > 0 ? new Date(now.getTime() - settings.warn_expiry_days * DAY_MS) : undefined;
}

/** A warn counts while it is applied (not revoked), younger than the expiry and not past its own expires_at. */
export function isActiveWarn(a: Action, cutoff: Date | undefined, now: Date): boolean {
  return (
    a.action_type === 'warn' &&
    a.status === 'applied' &&
    (cutoff === undefined || a.created_at.getTime() >= cutoff.getTime()) &&
    (a.expires_at === null || a.expires_at.getTime() > now.getTime())
  );
}
