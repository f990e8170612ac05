import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, get } from '../api.js';
import type { T } from '../i18n.js';
import { moderate } from '../moderate.js';
import { Choice, GroupTabs, Show, useLoad, OutcomeLine, type Outcome } from './common.js';
import { memberName, ModerateForm, type Member } from './moderate-form.js';

interface MemberDetail extends Member {
  message_count: number;
  joined_at: string | null;
}

interface Action {
  id: string;
  admin_id: number | null;
  action_type: string;
  reason: string | null;
  duration: number | null;
  status: string;
  source: string;
  created_at: string;
}

interface Warnings {
  count: number;
  limit: number;
  items: Action[];
}

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const HISTORY_PAGE = 20;

/** One member: who they are, their role, active warnings and moderation history, and the moderation form. */
export function MemberPage({ t, groupId, userId }: { t: T; groupId: number; userId: number }) {
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const base = `/groups/${groupId}/users/${userId}`;
  const [member, retry] = useLoad(() => get<MemberDetail>(base), [groupId, userId, changes], { keep: changes > 0 });
  const [warnings, retryWarnings] = useLoad(() => get<Warnings>(`${base}/warnings`), [groupId, userId, changes], { keep: changes > 0 });
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="members" />
      <Show t={t} loaded={member} retry={retry}>
        {(m) => (
          <>
            <h1>{memberName(m)}</h1>
            <dl class="facts">
              <dt>{t('username')}</dt>
              <dd>{m.username ? `@${m.username}` : '—'}</dd>
              <dt>{t('userId')}</dt>
              <dd>{m.user_id}</dd>
              <dt>{t('state')}</dt>
              <dd>{t(m.is_active ? 'inGroup' : 'leftGroup')}</dd>
              <dt>{t('messages')}</dt>
              <dd>{m.message_count}</dd>
              <dt>{t('joined')}</dt>
              <dd>{day(m.joined_at)}</dd>
              <dt>{t('lastSeen')}</dt>
              <dd>{day(m.last_seen_at)}</dd>
            </dl>
            <RoleForm t={t} groupId={groupId} member={m} onDone={changed} />
            <h2>{t('moderate')}</h2>
            <ModerateForm t={t} groupId={groupId} member={m} onDone={changed} />
          </>
        )}
      </Show>
      <h2>{t('warnings')}</h2>
      <Show t={t} loaded={warnings} retry={retryWarnings}>
        {(w) => (
          <>
            <p>{t('warnCount', { n: w.count, limit: w.limit })}</p>
            <ul class="log">
              {w.items.map((a) => (
                <li key={a.id}>
                  {day(a.created_at)}: {a.reason ?? t('noReason')}
                </li>
              ))}
            </ul>
            {w.count > 0 && <RevokeWarn t={t} groupId={groupId} userId={userId} onDone={changed} />}
          </>
        )}
      </Show>
      <h2>{t('history')}</h2>
      <History t={t} groupId={groupId} userId={userId} changes={changes} />
    </section>
  );
}

/** The bot revokes the member's latest active warning, as /unwarn does, and says so in the group. */
function RevokeWarn({ t, groupId, userId, onDone }: { t: T; groupId: number; userId: number; onDone: () => void }) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const revoke = () =>
    moderate(groupId, { action: 'unwarn', user_id: userId }).then(
      () => {
        setProblem(undefined);
        onDone();
      },
      (err: unknown) => setProblem(err instanceof ApiError ? err.message : String(err)),
    );
  return (
    <p>
      <button type="button" onClick={() => void revoke()}>
        {t('revokeWarn')}
      </button>{' '}
      {problem && (
        <span role="alert" class="problem">
          {problem}
        </span>
      )}
    </p>
  );
}

function RoleForm({ t, groupId, member, onDone }: { t: T; groupId: number; member: Member; onDone: () => void }) {
  const [roles] = useLoad(() => get<{ items: { name: string }[] }>(`/groups/${groupId}/roles`), [groupId]);
  const [role, setRole] = useState(member.role);
  const [result, setResult] = useState<Outcome>(undefined);
  const names = roles.state === 'ok' ? roles.value.items.map((r) => r.name) : [member.role];
  const save = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    try {
      await call('PATCH', `/groups/${groupId}/users/${member.user_id}`, { role });
      setResult({ ok: true, text: t('saved') });
      onDone();
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <form class="moderate" onSubmit={(e) => void save(e)}>
      <Choice label={t('role')} value={role} options={names.map((n): [string, string] => [n, n])} onChange={setRole} />
      <button type="submit" disabled={role === member.role}>
        {t('save')}
      </button>
      <OutcomeLine outcome={result} inline />
    </form>
  );
}

/** The member's moderation history, newest first, a page at a time. */
function History({ t, groupId, userId, changes }: { t: T; groupId: number; userId: number; changes: number }) {
  const [earlier, setEarlier] = useState<Action[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  // Something changed (a new action): the history starts again from the newest.
  useEffect(() => {
    setEarlier([]);
    setCursor(undefined);
  }, [changes]);
  const query = new URLSearchParams({ user_id: String(userId), limit: String(HISTORY_PAGE), ...(cursor ? { cursor } : {}) });
  const [page, retry] = useLoad(
    () => get<{ items: Action[]; next_cursor: string | null }>(`/groups/${groupId}/actions?${query.toString()}`),
    [groupId, userId, cursor, changes],
    { keep: changes > 0 },
  );
  return (
    <Show t={t} loaded={page} retry={retry}>
      {(p) => {
        const items = [...earlier, ...p.items];
        return (
          <>
            {items.length === 0 ? (
              <p>{t('noHistory')}</p>
            ) : (
              <ol class="log">
                {items.map((a) => (
                  <li key={a.id}>
                    <strong>{a.action_type}</strong> {day(a.created_at)}
                    {a.duration ? ` (${a.duration} s)` : ''}
                    {a.reason ? `: ${a.reason}` : ''} <span class="status">{t('historyBy', { source: a.source, status: a.status })}</span>
                  </li>
                ))}
              </ol>
            )}
            {p.next_cursor && (
              <button
                type="button"
                onClick={() => {
                  setEarlier(items);
                  setCursor(p.next_cursor ?? undefined);
                }}
              >
                {t('more')}
              </button>
            )}
          </>
        );
      }}
    </Show>
  );
}
