import { get } from '../api.js';
import type { T } from '../i18n.js';
import { Show, useLoad } from './common.js';

interface AuthConfig {
  bot_id: number | null;
  sign_in: boolean;
  playground_group_id: number | null;
}

/**
 * Sign-in: Telegram's own login page (oauth.telegram.org, a navigation, not a script from
 * another origin) returns to this page with the signed payload in the fragment.
 */
export function SignInPage({ t, error }: { t: T; error?: string | undefined }) {
  const [config, retry] = useLoad(() => get<AuthConfig>('/auth/config'), []);
  return (
    <main class="center">
      <h1>{t('title')}</h1>
      <p>{t('signInIntro')}</p>
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      <Show t={t} loaded={config} retry={retry}>
        {(c) =>
          c.playground_group_id !== null ? (
            <p>{t('playgroundSignIn')}</p>
          ) : c.sign_in && c.bot_id !== null ? (
            <a
              class="button"
              href={`https://oauth.telegram.org/auth?${new URLSearchParams({
                bot_id: String(c.bot_id),
                origin: location.origin,
                request_access: 'write',
                return_to: `${location.origin}/`,
              }).toString()}`}
            >
              {t('signIn')}
            </a>
          ) : (
            <p>{t('signInUnavailable')}</p>
          )
        }
      </Show>
    </main>
  );
}
