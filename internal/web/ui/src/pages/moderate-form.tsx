import { useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { T } from '../i18n.js';
import { moderate, type ModerationAction } from '../moderate.js';
import { OutcomeLine, type Outcome } from './common.js';

export interface Member {
  user_id: number;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  role: string;
  is_active: boolean;
  last_seen_at: string | null;
}

export const memberName = (m: Pick<Member, 'first_name' | 'last_name' | 'user_id'>): string =>
  [m.first_name, m.last_name].filter(Boolean).join(' ') || String(m.user_id);

const DURATIONS: readonly (readonly [string, number | null])[] = [
  ['forever', null],
  ['10m', 600],
  ['1h', 3600],
  ['1d', 86_400],
  ['1w', 604_800],
];

/** Warn, mute, ban (with a duration and a reason), unmute or unban one member, carried out by the bot. */
export function ModerateForm({ t, groupId, member, onDone }: { t: T; groupId: number; member: Member; onDone?: () => void }) {
  const [action, setAction] = useState<ModerationAction>('warn');
  const [duration, setDuration] = useState<string>('forever');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<Outcome>(undefined);
  const id = `m-${member.user_id}`;
  const timed = action === 'mute' || action === 'ban';
  const apply = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    try {
      const seconds = timed ? (DURATIONS.find(([k]) => k === duration)?.[1] ?? null) : null;
      setResult({
        ok: true,
        text: await moderate(groupId, { action, user_id: member.user_id, duration: seconds, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      });
      onDone?.();
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <form
      class="moderate"
      onSubmit={(e) => void apply(e)}
      aria-label={t('moderateWho', { who: member.username ? `@${member.username}` : String(member.user_id) })}
    >
      <select id={`${id}-action`} aria-label={t('action')} value={action} onChange={(e) => setAction(e.currentTarget.value as ModerationAction)}>
        {(['warn', 'mute', 'ban', 'unmute', 'unban'] as const).map((a) => (
          <option key={a} value={a}>
            {t(`act_${a}`)}
          </option>
        ))}
      </select>
      {timed && (
        <select aria-label={t('duration')} value={duration} onChange={(e) => setDuration(e.currentTarget.value)}>
          {DURATIONS.map(([k]) => (
            <option key={k} value={k}>
              {k === 'forever' ? t('forever') : k}
            </option>
          ))}
        </select>
      )}
      <input aria-label={t('reason')} placeholder={t('reason')} value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="submit">{t('apply')}</button>
      <OutcomeLine outcome={result} inline />
    </form>
  );
}
