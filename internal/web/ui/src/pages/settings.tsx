import { useState } from 'preact/hooks';
import { ApiError, callFull } from '../api.js';
import type { T } from '../i18n.js';
import { GroupTabs, Show, useLoad } from './common.js';

interface Settings {
  welcome_message_enabled: boolean;
  welcome_message: string;
  warn_limit: number;
  antiflood: { enabled: boolean; limit: number; window_s: number };
}

type Form = Pick<Settings, 'welcome_message_enabled' | 'welcome_message' | 'warn_limit'> & {
  antiflood_enabled: boolean;
  antiflood_limit: number;
  antiflood_window_s: number;
};

const EXAMPLE: Record<string, string> = {
  first: 'Ada',
  first_name: 'Ada',
  last: 'Lovelace',
  fullname: 'Ada Lovelace',
  username: '@ada',
  mention: 'Ada',
  id: '4242',
  count: '128',
  rules: 'Send /rules to read the rules.',
};

/** The welcome as a newcomer named Ada would read it, with the bot's placeholders filled. */
export function previewWelcome(template: string, chatName: string): string {
  const values: Record<string, string> = { ...EXAMPLE, chatname: chatName };
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const formOf = (s: Settings): Form => ({
  welcome_message_enabled: s.welcome_message_enabled,
  welcome_message: s.welcome_message,
  warn_limit: s.warn_limit,
  antiflood_enabled: s.antiflood.enabled,
  antiflood_limit: s.antiflood.limit,
  antiflood_window_s: s.antiflood.window_s,
});

export function SettingsPage({ t, groupId }: { t: T; groupId: number }) {
  const [reloads, setReloads] = useState(0);
  const [loaded, retry] = useLoad(() => callFull<Settings>('GET', `/groups/${groupId}/settings`), [groupId, reloads]);
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="settings" />
      <h1>{t('settings')}</h1>
      <Show t={t} loaded={loaded} retry={retry}>
        {({ data, etag }) => <SettingsForm key={etag} t={t} groupId={groupId} initial={data} etag={etag} reload={() => setReloads((n) => n + 1)} />}
      </Show>
    </section>
  );
}

function SettingsForm({ t, groupId, initial, etag, reload }: { t: T; groupId: number; initial: Settings; etag: string | undefined; reload: () => void }) {
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const [version, setVersion] = useState(etag);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'conflict' | 'error'; text: string } | undefined>(undefined);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const save = async (e: Event) => {
    e.preventDefault();
    setProblems({});
    setStatus(undefined);
    const patch = {
      welcome_message_enabled: form.welcome_message_enabled,
      welcome_message: form.welcome_message,
      warn_limit: form.warn_limit,
      antiflood: { enabled: form.antiflood_enabled, limit: form.antiflood_limit, window_s: form.antiflood_window_s },
    };
    try {
      const saved = await callFull<Settings>('PATCH', `/groups/${groupId}/settings`, patch, version ? { 'if-match': version } : {});
      setVersion(saved.etag);
      setStatus({ kind: 'saved', text: t('saved') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) return setStatus({ kind: 'conflict', text: err.message });
      if (err instanceof ApiError && err.details.length) {
        // The api names each field (body.antiflood.limit): shown next to the input it is about.
        setProblems(Object.fromEntries(err.details.map((d) => [d.path.replace(/^body\./, '').replace('.', '_'), d.message])));
      }
      setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };

  const field = (key: keyof Form, label: string, input: preact.JSX.Element) => (
    <div class={typeof form[key] === 'boolean' ? 'field check' : 'field'}>
      <label for={`f-${key}`}>{label}</label>
      {input}
      {problems[key] && (
        <p class="problem" id={`p-${key}`}>
          {problems[key]}
        </p>
      )}
    </div>
  );
  const num = (key: 'warn_limit' | 'antiflood_limit' | 'antiflood_window_s') => (
    <input
      id={`f-${key}`}
      type="number"
      value={form[key]}
      aria-describedby={problems[key] ? `p-${key}` : undefined}
      onInput={(e) => set(key, Number(e.currentTarget.value))}
    />
  );
  const check = (key: 'welcome_message_enabled' | 'antiflood_enabled') => (
    <input id={`f-${key}`} type="checkbox" checked={form[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
  );

  return (
    <form class="settings" onSubmit={(e) => void save(e)}>
      <h2>{t('welcome')}</h2>
      {field('welcome_message_enabled', t('welcomeOn'), check('welcome_message_enabled'))}
      {field(
        'welcome_message',
        t('welcomeText'),
        <textarea id="f-welcome_message" rows={4} value={form.welcome_message} onInput={(e) => set('welcome_message', e.currentTarget.value)} />,
      )}
      <p class="preview" aria-label={t('preview')}>
        <strong>{t('preview')}:</strong> {previewWelcome(form.welcome_message, t('title'))}
      </p>
      <h2>{t('warnings')}</h2>
      {field('warn_limit', t('warnLimit'), num('warn_limit'))}
      <h2>{t('antiflood')}</h2>
      {field('antiflood_enabled', t('antifloodOn'), check('antiflood_enabled'))}
      {field('antiflood_limit', t('antifloodLimit'), num('antiflood_limit'))}
      {field('antiflood_window_s', t('antifloodWindow'), num('antiflood_window_s'))}
      <button type="submit">{t('save')}</button>
      {status && (
        <div class={status.kind === 'saved' ? 'status' : 'notice'} role={status.kind === 'saved' ? 'status' : 'alert'}>
          <p>{status.text}</p>
          {status.kind === 'conflict' && (
            <button type="button" onClick={reload}>
              {t('reload')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
