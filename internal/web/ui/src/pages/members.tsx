import { useState } from 'preact/hooks';
import { get } from '../api.js';
import type { T } from '../i18n.js';
import { Choice, GroupTabs, Show, useLoad } from './common.js';
import { ModerateForm, memberName, type Member } from './moderate-form.js';

interface MemberPage {
  items: Member[];
  next_cursor: string | null;
}

const ROLES = ['owner', 'admin', 'moderator', 'member'];

export function MembersPage({ t, groupId }: { t: T; groupId: number }) {
  const [role, setRole] = useState('');
  const [state, setState] = useState<'' | 'true' | 'false'>('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState<Member[][]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const query = new URLSearchParams({
    limit: '50',
    ...(role ? { role } : {}),
    ...(state ? { active: state } : {}),
    ...(search.trim() ? { q: search.trim() } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const [page, retry] = useLoad(() => get<MemberPage>(`/groups/${groupId}/users?${query.toString()}`), [groupId, role, state, search, cursor]);
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
      <Choice label={t('role')} value={role} options={[['', t('allRoles')], ...ROLES.map((r): [string, string] => [r, r])]} onChange={chooseRole} />{' '}
      <Choice
        label={t('state')}
        value={state}
        options={[
          ['', t('allStates')],
          ['true', t('inGroup')],
          ['false', t('leftGroup')],
        ]}
        onChange={(v) => {
          restart();
          setState(v as '' | 'true' | 'false');
        }}
      />
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
              <td>
                <a href={`#/groups/${groupId}/members/${m.user_id}`}>{memberName(m)}</a>
              </td>
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
