import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { T } from '../i18n.js';

export type Loaded<V> = { state: 'loading' } | { state: 'ok'; value: V } | { state: 'error'; error: ApiError | Error };

/**
 * Loads `load()` whenever `deps` change; a later answer never overwrites a newer one. With
 * `keep`, a reload shows the last answer until the new one arrives (live charts must not blink).
 */
export function useLoad<V>(load: () => Promise<V>, deps: readonly unknown[], opts: { keep?: boolean } = {}): [Loaded<V>, () => void] {
  const [result, setResult] = useState<Loaded<V>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    if (!opts.keep) setResult({ state: 'loading' });
    load().then(
      (value) => current && setResult({ state: 'ok', value }),
      (error: unknown) => current && setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [result, () => setAttempt((n) => n + 1)];
}

/** What a failed load shows: the api's own words, and for a missing permission which one. */
export function Failure({ t, error, retry }: { t: T; error: ApiError | Error; retry: () => void }) {
  const needs = error instanceof ApiError && error.status === 403 ? /the ([\w.]+) permission/.exec(error.message)?.[1] : undefined;
  return (
    <div class="notice" role="alert">
      <p>{needs ? t('needs', { permission: needs }) : error.message}</p>
      <button type="button" onClick={retry}>
        {t('retry')}
      </button>
    </div>
  );
}

export function Show<V>({ t, loaded, retry, children }: { t: T; loaded: Loaded<V>; retry: () => void; children: (v: V) => ComponentChildren }) {
  if (loaded.state === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (loaded.state === 'error') return <Failure t={t} error={loaded.error} retry={retry} />;
  return <>{children(loaded.value)}</>;
}

/** A group's pages, in tab order: the router and the tabs read this one list. */
export const GROUP_PAGES = ['overview', 'members', 'audit', 'settings', 'rules', 'roles', 'announce', 'playground'] as const;
export type GroupPage = (typeof GROUP_PAGES)[number];

/** The playground's demo group when the server runs one (GET /auth/config): only it has the Playground tab. */
export const PlaygroundGroup = createContext<number | null>(null);

export function GroupTabs({ t, groupId, current }: { t: T; groupId: number; current: GroupPage }) {
  const playground = useContext(PlaygroundGroup);
  const pages = GROUP_PAGES.filter((p) => p !== 'playground' || playground === groupId);
  return (
    <nav class="tabs" aria-label="Group">
      <a href="#/">{t('back')}</a>
      {pages.map((page) => (
        <a key={page} href={`#/groups/${groupId}${page === 'overview' ? '' : `/${page}`}`} aria-current={current === page ? 'page' : undefined}>
          {t(page)}
        </a>
      ))}
    </nav>
  );
}

/** A labelled select: `options` are [value, label] pairs. */
export function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What an action answered: a success for the status region, a failure for the alert one. */
export type Outcome = { ok: boolean; text: string } | undefined;

/** The line under a form that says how its action went; `inline` beside the form's controls. */
export function OutcomeLine({ outcome, inline = false }: { outcome: Outcome; inline?: boolean }) {
  if (!outcome) return null;
  const role = outcome.ok ? 'status' : 'alert';
  if (inline) {
    return (
      <span role={role} class={outcome.ok ? 'status' : 'problem'}>
        {outcome.text}
      </span>
    );
  }
  return (
    <p role={role} class={outcome.ok ? 'status' : 'notice'}>
      {outcome.text}
    </p>
  );
}
