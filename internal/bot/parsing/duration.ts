/** Telegram treats restrictions and bans shorter than 30 s as permanent. */
export const MIN_DURATION_S = 30;
/** ... and longer than 366 days as permanent too. */
export const MAX_DURATION_S = 366 * 24 * 3600;

const UNIT_SECONDS = { w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1 } as const;
type Unit = keyof typeof UNIT_SECONDS;

const UNIT_NAMES: Record<Unit, string> = { w: 'week', d: 'day', h: 'hour', m: 'minute', s: 'second' };

export type DurationResult =
  | {
      ok: true;
      /** What to send to Telegram: always inside [MIN_DURATION_S, MAX_DURATION_S]. */
      seconds: number;
      /** True when the request was moved into the window, so the reply can say so. */
      clamped: boolean;
      requestedSeconds: number;
    }
  | { ok: false; message: string };

const EXAMPLES = 'like 30s, 10m, 4h, 2d, 1w or 1h30m';

function isUnit(value: string): value is Unit {
  return value in UNIT_SECONDS;
}

/**
 * Parses `30s 10m 4h 2d 1w 1h30m` (units may combine, each once). The result is clamped to the
 * window Telegram honours, because outside it a "temporary" mute silently becomes permanent.
 * Note: until_date = now + seconds should be computed right before the call; at exactly 30 s a
 * slow request can still land under Telegram's threshold.
 */
export function parseDuration(input: string): DurationResult {
  const text = input.trim().toLowerCase();
  if (text === '') return { ok: false, message: `Give a duration, ${EXAMPLES}.` };
  if (/^\d+$/.test(text)) return { ok: false, message: `"${input.trim()}" needs a unit: s, m, h, d or w (${EXAMPLES}).` };
  if (!/^(\d+[a-z])+$/.test(text)) return { ok: false, message: `"${input.trim()}" is not a duration; use one ${EXAMPLES}.` };
  const seen = new Set<Unit>();
  let total = 0;
  for (const match of text.matchAll(/(\d+)([a-z])/g)) {
    const [, digits = '', unit = ''] = match;
    if (!isUnit(unit)) return { ok: false, message: `"${unit}" is not a time unit; use s, m, h, d or w (${EXAMPLES}).` };
    if (seen.has(unit)) return { ok: false, message: `"${input.trim()}" gives ${UNIT_NAMES[unit]}s twice; write it once, ${EXAMPLES}.` };
    seen.add(unit);
    // More than 9 digits is never a real duration and would lose precision in the sum.
    if (digits.replace(/^0+/, '').length > 9) return { ok: false, message: `"${input.trim()}" is too long; the longest is 366 days.` };
    total += Number(digits) * UNIT_SECONDS[unit];
  }
  if (total === 0) return { ok: false, message: `"${input.trim()}" is zero; give a duration longer than that, ${EXAMPLES}.` };
  const seconds = Math.min(Math.max(total, MIN_DURATION_S), MAX_DURATION_S);
  return { ok: true, seconds, clamped: seconds !== total, requestedSeconds: total };
}

/** `5400` -> `1 hour 30 minutes`; largest units first, zero parts left out. */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  if (rest === 0) return '0 seconds';
  const parts: string[] = [];
  for (const unit of Object.keys(UNIT_SECONDS) as Unit[]) {
    const count = Math.floor(rest / UNIT_SECONDS[unit]);
    rest -= count * UNIT_SECONDS[unit];
    if (count > 0) parts.push(`${count} ${UNIT_NAMES[unit]}${count === 1 ? '' : 's'}`);
  }
  return parts.join(' ');
}
