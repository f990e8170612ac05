import { get } from '../api.js';
import type { T } from '../i18n.js';
import { Show, useLoad } from './common.js';

interface Connection {
  method: string;
  url?: string | null;
  source: string;
}

interface Platform {
  connections: { hash: string | null; redis: string; services: Record<'api' | 'bot' | 'web', Connection> };
  health: {
    web: { ready: boolean; checks: Record<string, boolean> };
    api: { reachable: boolean; error: string | null };
    bot: { status: { running: boolean; mode: string; username: string | null; queue_depth: number } | null; error: string | null };
  };
}

/** For services and platform admins: each service's connection method and where it came from, bot status and health. */
export function PlatformPage({ t }: { t: T }) {
  const [platform, retry] = useLoad(() => get<Platform>('/platform'), []);
  return (
    <section>
      <h1>{t('platform')}</h1>
      <p>{t('platformIntro')}</p>
      <Show t={t} loaded={platform} retry={retry}>
        {(p) => {
          const { api, bot, web } = p.health;
          const healthOf = {
            api: api.reachable ? t('reachable') : (api.error ?? ''),
            bot: bot.status
              ? bot.status.running
                ? t('botRunning', { mode: bot.status.mode, username: bot.status.username ?? '', n: bot.status.queue_depth })
                : t('botStopped', { mode: bot.status.mode })
              : (bot.error ?? ''),
            web: `${web.ready ? t('ready') : t('notReady')} (${Object.entries(web.checks)
              .map(([k, ok]) => `${k}: ${ok ? 'ok' : 'failing'}`)
              .join(', ')})`,
          };
          return (
            <>
              <table class="members all-columns">
                <thead>
                  <tr>
                    <th scope="col">{t('service')}</th>
                    <th scope="col">{t('method')}</th>
                    <th scope="col">{t('source')}</th>
                    <th scope="col">{t('health')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(['api', 'bot', 'web'] as const).map((name) => (
                    <tr key={name} data-service={name}>
                      <th scope="row">{name}</th>
                      <td>{p.connections.services[name].method}</td>
                      <td>{p.connections.services[name].source}</td>
                      <td>{healthOf[name]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                {t('redis')}: {p.connections.redis}
                {p.connections.hash ? ` · ${p.connections.hash}` : ''}
              </p>
            </>
          );
        }}
      </Show>
    </section>
  );
}
