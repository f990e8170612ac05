import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import type { T } from '../i18n.js';
import { watchGroup, type LiveEntry } from '../live.js';
import { moderate, UNDO_OF } from '../moderate.js';
import { ApiError } from '../api.js';
import { GroupTabs, Show, useLoad } from './common.js';

interface Filters {
  type: string;
  actor: string;
  member: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { type: '', actor: '', member: '', from: '', to: '' };
/** The event types people filter by most; the api takes any. */
const TYPES = [
  'action.ban',
  'action.unban',
  'action.mute',
  'action.unmute',
  'action.warn',
  'action.unwarn',
  'action.kick',
  'settings.updated',
  'user.updated',
  'announcement.sent',
];
const ID = /^-?\d{1,16}$/;

/** The filters as the api's query: ids only when they are ids, dates as the start of the day (to: the next one). */
export function filterQuery(f: Filters): URLSearchParams {
  const q = new URLSearchParams({ limit: '50' });
  if (f.type) q.set('event_type', f.type);
  if (ID.test(f.actor.trim())) q.set('actor_id', f.actor.trim());
  if (ID.test(f.member.trim())) q.set('user_id', f.member.trim());
  if (f.from) q.set('since', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q.set('until', new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000).toISOString());
  return q;
}

/** Whether a live entry belongs in the filtered list (it just happened, so the date range is "until" only). */
export function matches(f: Filters, e: LiveEntry): boolean {
  const q = filterQuery(f);
  const until = q.get('until');
  return (
    (!q.has('event_type') || e.event_type === q.get('event_type')) &&
    (!q.has('actor_id') || e.actor_id === Number(q.get('actor_id'))) &&
    (!q.has('user_id') || e.data?.['user_id'] === Number(q.get('user_id'))) &&
    (until === null || new Date(e.timestamp) < new Date(until))
  );
}

/** The audit and moderation log: the last entries, then every new one as it happens. */
export function AuditPage({ t, groupId }: { t: T; groupId: number }) {
  const [reloads, setReloads] = useState(0);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = filterQuery(filters).toString();
  const [page, retry] = useLoad(() => get<{ items: LiveEntry[] }>(`/groups/${groupId}/logs?${query}`), [groupId, reloads, query]);
  // From the latest filters, not this render's: two quick edits must both count.
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setFilters((f) => ({ ...f, [key]: value }));
  };
  const [live, setLive] = useState<LiveEntry[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'offline' | 'denied'>('connecting');
  useEffect(() => {
    setLive([]);
    return watchGroup(groupId, {
      onEntry: (e) => setLive((list) => (list.some((x) => x.id === e.id) ? list : [e, ...list])),
      onDenied: () => setState('denied'),
      onReload: () => setReloads((n) => n + 1),
      onState: setState,
    });
  }, [groupId]);
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="audit" />
      <h1>{t('audit')}</h1>
      <p class="status" role="status">
        {t(state === 'live' ? 'liveOn' : state === 'denied' ? 'liveDenied' : 'liveOff')}
      </p>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters')}>
        <label>
          {t('filterType')}{' '}
          <select value={filters.type} onChange={set('type')}>
            <option value="">{t('allTypes')}</option>
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterActor')} <input inputMode="numeric" size={12} value={filters.actor} onInput={set('actor')} />
        </label>
        <label>
          {t('filterMember')} <input inputMode="numeric" size={12} value={filters.member} onInput={set('member')} />
        </label>
        <label>
          {t('filterFrom')} <input type="date" value={filters.from} onInput={set('from')} />
        </label>
        <label>
          {t('filterTo')} <input type="date" value={filters.to} onInput={set('to')} />
        </label>
        <button type="button" class="link" onClick={() => setFilters(NO_FILTERS)}>
          {t('clearFilters')}
        </button>
      </form>
      <Show t={t} loaded={page} retry={retry}>
        {({ items }) => {
          const shownLive = live.filter((e) => matches(filters, e));
          const known = new Set(shownLive.map((e) => e.id));
          const entries = [...shownLive, ...items.filter((e) => !known.has(e.id))];
          if (entries.length === 0) return <p>{t('noEntries')}</p>;
          return (
            <ol class="log" aria-live="polite">
              {entries.map((e) => (
                <li key={e.id} data-event={e.event_type}>
                  <time dateTime={e.timestamp}>{new Date(e.timestamp).toLocaleString()}</time>
                  <code>{e.event_type}</code>
                  <span>{e.message}</span>
                  <Undo t={t} groupId={groupId} entry={e} />
                </li>
              ))}
            </ol>
          );
        }}
      </Show>
    </section>
  );
}

/** One click that reverses a ban, mute or warn; the reversal is itself recorded (and appears above). */
function Undo({ t, groupId, entry }: { t: T; groupId: number; entry: LiveEntry }) {
  const [state, setState] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const undo = UNDO_OF[entry.event_type];
  const userId = entry.data?.['user_id'];
  if (!undo || typeof userId !== 'number') return null;
  const run = async () => {
    try {
      setState({ ok: true, text: await moderate(groupId, { action: undo, user_id: userId, reason: t('undoReason') }) });
    } catch (err) {
      setState({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  if (state) return <span role={state.ok ? 'status' : 'alert'}>{state.text}</span>;
  return (
    <button type="button" class="link" onClick={() => void run()} aria-label={`${t('undo')}: ${entry.message}`}>
      {t('undo')}
    </button>
  );
}
