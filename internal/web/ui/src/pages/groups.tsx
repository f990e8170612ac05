import { get } from '../api.js';
import type { T } from '../i18n.js';
import { Show, useLoad } from './common.js';

export interface GroupRow {
  group_id: number;
  name: string;
  member_count: number;
  is_active: boolean;
  messages_7d: number;
}

export function GroupsPage({ t }: { t: T }) {
  const [groups, retry] = useLoad(() => get<{ items: GroupRow[] }>('/me/groups'), []);
  return (
    <section>
      <h1>{t('myGroups')}</h1>
      <Show t={t} loaded={groups} retry={retry}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('noGroups')}</p>
          ) : (
            <ul class="cards">
              {items.map((g) => (
                <li key={g.group_id}>
                  <a href={`#/groups/${g.group_id}`}>
                    <strong>{g.name}</strong>
                    <span>{t('memberCount', { n: g.member_count })}</span>
                    <span data-activity={g.group_id}>{t('messagesWeek', { n: g.messages_7d })}</span>
                    {!g.is_active && <span class="badge">{t('inactive')}</span>}
                  </a>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}
