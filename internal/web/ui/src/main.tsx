import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from './api.js';
import { pickLang, translator, type T } from './i18n.js';
import { applyTheme, readLaunch } from './launch.js';
import { AnnouncePage } from './pages/announce.js';
import { GROUP_PAGES, PlaygroundGroup, type GroupPage } from './pages/common.js';
import { PlatformPage } from './pages/platform.js';
import { PlaygroundPage } from './pages/playground.js';
import { AuditPage } from './pages/audit.js';
import { GroupsPage } from './pages/groups.js';
import { MemberPage } from './pages/member.js';
import { MembersPage } from './pages/members.js';
import { OverviewPage } from './pages/overview.js';
import { RolesPage } from './pages/roles.js';
import { RulesPage } from './pages/rules.js';
import { SettingsPage } from './pages/settings.js';
import { SignInPage } from './pages/sign-in.js';
import './style.css';

export interface Session {
  kind: 'person' | 'service';
  user_id: number | null;
  platform_admin: boolean;
}

type Route = { page: 'groups' } | { page: 'platform' } | { page: GroupPage; groupId: number } | { page: 'member'; groupId: number; userId: number };

/** Routes live in the path's fragment after `#/`, so a reload keeps the page and the server serves one file. */
export function parseRoute(hash: string): Route {
  if (hash === '#/platform') return { page: 'platform' };
  const member = /^#\/groups\/(-?\d+)\/members\/(\d+)$/.exec(hash);
  if (member) return { page: 'member', groupId: Number(member[1]), userId: Number(member[2]) };
  const m = /^#\/groups\/(-?\d+)(?:\/(\w+))?$/.exec(hash);
  const page = GROUP_PAGES.find((p) => p === (m?.[2] ?? 'overview'));
  return m && page ? { page, groupId: Number(m[1]) } : { page: 'groups' };
}

const launch = readLaunch(location.hash);
applyTheme(launch.theme, document.documentElement);
const lang = pickLang(launch.language, navigator.languages);
document.documentElement.lang = lang;
const t: T = translator(lang);
const signingIn = Boolean(launch.initData || launch.widgetResult || launch.playgroundCode);

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [signInError, setSignInError] = useState<string | undefined>(undefined);
  const [playgroundGroup, setPlaygroundGroup] = useState<number | null>(null);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    get<{ playground_group_id: number | null }>('/auth/config').then(
      (c) => setPlaygroundGroup(c.playground_group_id),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    // A Mini App launch, the widget's redirect or the playground's link signs in first; then the session decides.
    let landing = '#/';
    const signIn = launch.initData
      ? post('/auth/webapp', { init_data: launch.initData })
      : launch.widgetResult
        ? post('/auth/telegram', launch.widgetResult)
        : launch.playgroundCode
          ? post<{ group_id: number }>('/auth/playground', { code: launch.playgroundCode }).then((r) => {
              landing = `#/groups/${r.group_id}/playground`;
            })
          : Promise.resolve();
    signIn
      .catch((err: unknown) => setSignInError(err instanceof ApiError ? err.message : String(err)))
      .then(() => get<Session>('/auth/session'))
      .then(setSession, () => setSession(null))
      .finally(() => {
        // The code is spent: it leaves the address bar (and the history) at once.
        if (signingIn) {
          history.replaceState(null, '', landing);
          setRoute(parseRoute(landing));
        }
      });
  }, []);

  // While the session is asked for, the page already loads its data (one round trip, not two);
  // a signed-out visitor's calls fail with 401 and the sign-in page replaces it.
  if (session === undefined && signingIn) return <main class="center">{t('signingIn')}</main>;
  if (session === null) return <SignInPage t={t} error={signInError} />;
  const signOut = () => post('/auth/logout').finally(() => setSession(null));
  return (
    <PlaygroundGroup.Provider value={playgroundGroup}>
      <header class="bar">
        <a href="#/" class="brand">
          {t('title')}
        </a>
        {session?.platform_admin && (
          <a href="#/platform" class="push">
            {t('platform')}
          </a>
        )}
        <button type="button" class="link" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <main>
        {route.page === 'groups' && <GroupsPage t={t} />}
        {route.page === 'platform' && <PlatformPage t={t} />}
        {route.page === 'overview' && <OverviewPage t={t} groupId={route.groupId} />}
        {route.page === 'members' && <MembersPage t={t} groupId={route.groupId} />}
        {route.page === 'member' && <MemberPage t={t} groupId={route.groupId} userId={route.userId} />}
        {route.page === 'audit' && <AuditPage t={t} groupId={route.groupId} />}
        {route.page === 'settings' && <SettingsPage t={t} groupId={route.groupId} />}
        {route.page === 'rules' && <RulesPage t={t} groupId={route.groupId} />}
        {route.page === 'roles' && <RolesPage t={t} groupId={route.groupId} />}
        {route.page === 'announce' && <AnnouncePage t={t} groupId={route.groupId} />}
        {route.page === 'playground' && <PlaygroundPage t={t} groupId={route.groupId} />}
      </main>
    </PlaygroundGroup.Provider>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
