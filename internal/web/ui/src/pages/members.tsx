import { useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { moderate, type ModerationAction } from '../moderate.js';
import { get } from '../api.js';
import type { T } from '../i18n.js';
import { Choice, GroupTabs, Show, useLoad } from './common.js';

interface Member {
  user_id: number;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  role: string;
  is_active: boolean;
  last_seen_at: string | null;
}

interface MemberPage {
  items: Member[];
  next_cursor: string | null;
}

const ROLES = ['owner', 'admin', 'moderator', 'member'];

export function MembersPage({ t, groupId }: { t: T; groupId: number }) {
  const [role, setRole] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState<Member[][]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const query = new URLSearchParams({ limit: '50', ...(role ? { role } : {}), ...(search.trim() ? { q: search.trim() } : {}), ...(cursor ? { cursor } : {}) });
  const [page, retry] = useLoad(() => get<MemberPage>(`/groups/${groupId}/users?${query.toString()}`), [groupId, role, search, cursor]);
  const shown = [...pages.flat(), ...(page.state === 'ok' ? page.value.items : [])];
  const restart = () => {
    setPages([]);
    setCursor(undefined);
  };
  const chooseRole = (r: string) => {
    restart();
    setRole(r);
  };
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="members" />
      <h1>{t('members')}</h1>
      <label>
        {t('search')}{' '}
        <input
          type="search"
          value={search}
          onInput={(e) => {
            restart();
            setSearch(e.currentTarget.value);
          }}
        />
      </label>{' '}
      <Choice label={t('role')} value={role} options={[['', t('allRoles')], ...ROLES.map((r): [string, string] => [r, r])]} onChange={chooseRole} />
      <table class="members">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('username')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('lastSeen')}</th>
            <th scope="col">{t('moderate')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr key={m.user_id}>
              <td>{[m.first_name, m.last_name].filter(Boolean).join(' ') || m.user_id}</td>
              <td>{m.username ? `@${m.username}` : ''}</td>
              <td>{m.role}</td>
              <td>{m.last_seen_at ? new Date(m.last_seen_at).toLocaleDateString() : ''}</td>
              <td>
                <ModerateForm t={t} groupId={groupId} member={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Show t={t} loaded={page} retry={retry}>
        {(p) =>
          p.next_cursor ? (
            <button
              type="button"
              onClick={() => {
                setPages([...pages, p.items]);
                setCursor(p.next_cursor ?? undefined);
              }}
            >
              {t('more')}
            </button>
          ) : null
        }
      </Show>
    </section>
  );
}

const DURATIONS: readonly (readonly [string, number | null])[] = [
  ['forever', null],
  ['10m', 600],
  ['1h', 3600],
  ['1d', 86_400],
  ['1w', 604_800],
];

/** Warn, mute, ban (with a duration and a reason), unmute or unban one member, carried out by the bot. */
function ModerateForm({ t, groupId, member }: { t: T; groupId: number; member: Member }) {
  const [action, setAction] = useState<ModerationAction>('warn');
  const [duration, setDuration] = useState<string>('forever');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
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
      {result && (
        <span role={result.ok ? 'status' : 'alert'} class={result.ok ? 'status' : 'problem'}>
          {result.text}
        </span>
      )}
    </form>
  );
}
