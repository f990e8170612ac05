import { useState } from 'preact/hooks';
import { ApiError, callFull } from '../api.js';
import type { T } from '../i18n.js';
import { LOCK_TYPES } from '../../../../bot/automod/message-kinds.js';
import { GroupTabs, Show, useLoad } from './common.js';

const WARN_MODES = ['ban', 'kick', 'mute', 'tban', 'tmute'] as const;
const FLOOD_ACTIONS = ['mute', 'kick', 'ban', 'tmute', 'tban'] as const;
type WarnMode = (typeof WARN_MODES)[number];
type FloodAction = (typeof FLOOD_ACTIONS)[number];

interface Settings {
  welcome_message_enabled: boolean;
  welcome_message: string;
  goodbye_message_enabled: boolean;
  goodbye_message: string;
  warn_limit: number;
  warn_mode: WarnMode;
  warn_mode_duration: number | null;
  antiflood: { enabled: boolean; limit: number; window_s: number; action: FloodAction };
  locks: string[];
}

type Form = Pick<
  Settings,
  'welcome_message_enabled' | 'welcome_message' | 'goodbye_message_enabled' | 'goodbye_message' | 'warn_limit' | 'warn_mode' | 'locks'
> & {
  /** Empty when the mode is not timed. */
  warn_mode_duration: string;
  antiflood_enabled: boolean;
  antiflood_limit: number;
  antiflood_window_s: number;
  antiflood_action: FloodAction;
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
  goodbye_message_enabled: s.goodbye_message_enabled,
  goodbye_message: s.goodbye_message,
  warn_limit: s.warn_limit,
  warn_mode: s.warn_mode,
  warn_mode_duration: s.warn_mode_duration === null ? '' : String(s.warn_mode_duration),
  antiflood_enabled: s.antiflood.enabled,
  antiflood_limit: s.antiflood.limit,
  antiflood_window_s: s.antiflood.window_s,
  antiflood_action: s.antiflood.action,
  locks: s.locks,
});

const timed = (mode: string) => mode === 'tban' || mode === 'tmute';

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
      goodbye_message_enabled: form.goodbye_message_enabled,
      goodbye_message: form.goodbye_message,
      warn_limit: form.warn_limit,
      warn_mode: form.warn_mode,
      // A timed mode needs its duration; the api says so, at the field, when it is missing.
      warn_mode_duration: timed(form.warn_mode) && form.warn_mode_duration.trim() !== '' ? Number(form.warn_mode_duration) : null,
      antiflood: { enabled: form.antiflood_enabled, limit: form.antiflood_limit, window_s: form.antiflood_window_s, action: form.antiflood_action },
      locks: form.locks,
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
  const check = (key: 'welcome_message_enabled' | 'goodbye_message_enabled' | 'antiflood_enabled') => (
    <input id={`f-${key}`} type="checkbox" checked={form[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
  );
  const select = <K extends 'warn_mode' | 'antiflood_action'>(key: K, options: readonly Form[K][]) => (
    <select id={`f-${key}`} value={form[key]} onChange={(e) => set(key, e.currentTarget.value as Form[K])}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
  const toggleLock = (lock: string, on: boolean) => set('locks', on ? [...form.locks.filter((l) => l !== lock), lock] : form.locks.filter((l) => l !== lock));

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
      <h2>{t('goodbye')}</h2>
      {field('goodbye_message_enabled', t('goodbyeOn'), check('goodbye_message_enabled'))}
      {field(
        'goodbye_message',
        t('goodbyeText'),
        <textarea id="f-goodbye_message" rows={2} value={form.goodbye_message} onInput={(e) => set('goodbye_message', e.currentTarget.value)} />,
      )}
      <p class="preview" aria-label={t('goodbyePreview')}>
        <strong>{t('preview')}:</strong> {previewWelcome(form.goodbye_message, t('title'))}
      </p>
      <h2>{t('warnings')}</h2>
      {field('warn_limit', t('warnLimit'), num('warn_limit'))}
      {field('warn_mode', t('warnMode'), select('warn_mode', WARN_MODES))}
      {timed(form.warn_mode) &&
        field(
          'warn_mode_duration',
          t('warnModeDuration'),
          <input
            id="f-warn_mode_duration"
            type="number"
            min={30}
            value={form.warn_mode_duration}
            aria-describedby={problems['warn_mode_duration'] ? 'p-warn_mode_duration' : undefined}
            onInput={(e) => set('warn_mode_duration', e.currentTarget.value)}
          />,
        )}
      <h2>{t('antiflood')}</h2>
      {field('antiflood_enabled', t('antifloodOn'), check('antiflood_enabled'))}
      {field('antiflood_limit', t('antifloodLimit'), num('antiflood_limit'))}
      {field('antiflood_window_s', t('antifloodWindow'), num('antiflood_window_s'))}
      {field('antiflood_action', t('antifloodAction'), select('antiflood_action', FLOOD_ACTIONS))}
      <fieldset class="locks">
        <legend>{t('locks')}</legend>
        {LOCK_TYPES.map((lock) => (
          <label key={lock}>
            <input type="checkbox" checked={form.locks.includes(lock)} onChange={(e) => toggleLock(lock, e.currentTarget.checked)} /> {lock}
          </label>
        ))}
        {problems['locks'] && <p class="problem">{problems['locks']}</p>}
      </fieldset>
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
