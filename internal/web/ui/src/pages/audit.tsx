import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import type { T } from '../i18n.js';
import { watchGroup, type LiveEntry } from '../live.js';
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
                </li>
              ))}
            </ol>
          );
        }}
      </Show>
    </section>
  );
}
