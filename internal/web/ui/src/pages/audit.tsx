import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import type { T } from '../i18n.js';
import { watchGroup, type LiveEntry } from '../live.js';
import { moderate, UNDO_OF } from '../moderate.js';
import { ApiError } from '../api.js';
import { GroupTabs, Show, useLoad } from './common.js';

/** The audit and moderation log: the last entries, then every new one as it happens. */
export function AuditPage({ t, groupId }: { t: T; groupId: number }) {
  const [reloads, setReloads] = useState(0);
  const [page, retry] = useLoad(() => get<{ items: LiveEntry[] }>(`/groups/${groupId}/logs?limit=50`), [groupId, reloads]);
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
      <Show t={t} loaded={page} retry={retry}>
        {({ items }) => {
          const known = new Set(live.map((e) => e.id));
          const entries = [...live, ...items.filter((e) => !known.has(e.id))];
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
