import { formatDuration, parseDuration } from '../parsing/index.js';
import { refuse } from './failures.js';

/** `2d spamming` -> 2 days and the reason; a missing or bad duration is refused with an example. */
export function durationArg(rest: string, command: string): { seconds: number; reason: string; note: string } {
  const [first = '', ...others] = rest.trim().split(/\s+/);
  if (!first) refuse(`/${command} needs a duration after the user, like 30m, 4h, 2d or 1w.`);
  const d = parseDuration(first);
  if (!d.ok) refuse(d.message);
  const note = d.clamped ? ` Telegram's ${d.requestedSeconds < d.seconds ? 'minimum' : 'maximum'} is ${formatDuration(d.seconds)}, so that applies.` : '';
  return { seconds: d.seconds, reason: rest.trim().slice(first.length).trim() || others.join(' '), note };
}
