import { useState } from 'preact/hooks';
import { ApiError, call, get, post } from '../api.js';
import type { T } from '../i18n.js';
import { GroupTabs, Show, useLoad, OutcomeLine, type Outcome } from './common.js';

interface Rule {
  rule_name: string;
  description: string;
  penalty: 'none' | 'warn' | 'mute' | 'kick' | 'ban';
  penalty_duration: number | null;
  priority: number;
  is_active: boolean;
  trigger: { type: 'keyword' | 'regex' | 'link' | 'forward'; pattern: string } | null;
}

const PENALTIES = ['none', 'warn', 'mute', 'kick', 'ban'] as const;
const TRIGGERS = ['', 'keyword', 'regex', 'link', 'forward'] as const;

/** The api's refusal, with each field it names (body.trigger.pattern: ...). */
const explain = (err: unknown): string =>
  err instanceof ApiError ? [err.message, ...err.details.map((d) => `${d.path.replace(/^body\./, '')}: ${d.message}`)].join(' — ') : String(err);

/** The group's rules: what the bot enforces on its own (a keyword, a regex, links, forwards) and the penalty. */
export function RulesPage({ t, groupId }: { t: T; groupId: number }) {
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const [rules, retry] = useLoad(() => get<{ items: Rule[] }>(`/groups/${groupId}/rules`), [groupId, changes], { keep: changes > 0 });
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const act = (run: () => Promise<unknown>) =>
    run().then(
      () => {
        setProblem(undefined);
        changed();
      },
      (err: unknown) => setProblem(explain(err)),
    );
  const path = (name: string) => `/groups/${groupId}/rules/${encodeURIComponent(name)}`;
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="rules" />
      <h1>{t('rules')}</h1>
      {problem && (
        <p class="notice" role="alert">
          {problem}
        </p>
      )}
      <Show t={t} loaded={rules} retry={retry}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('noRules')}</p>
          ) : (
            <table class="members all-columns">
              <thead>
                <tr>
                  <th scope="col">{t('ruleName')}</th>
                  <th scope="col">{t('trigger')}</th>
                  <th scope="col">{t('penalty')}</th>
                  <th scope="col">{t('active')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('delete')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.rule_name} data-rule={r.rule_name}>
                    <td>{r.rule_name}</td>
                    <td>{r.trigger ? `${r.trigger.type}${r.trigger.pattern ? `: ${r.trigger.pattern}` : ''}` : '—'}</td>
                    <td>
                      {r.penalty}
                      {r.penalty_duration ? ` (${r.penalty_duration} s)` : ''}
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('ruleActive', { name: r.rule_name })}
                        checked={r.is_active}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          void act(() => call('PATCH', path(r.rule_name), { is_active: on }));
                        }}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="link"
                        aria-label={t('deleteRule', { name: r.rule_name })}
                        onClick={() => void act(() => call('DELETE', path(r.rule_name)))}
                      >
                        {t('delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
      <NewRule t={t} groupId={groupId} onCreated={changed} />
    </section>
  );
}

function NewRule({ t, groupId, onCreated }: { t: T; groupId: number; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [trigger, setTrigger] = useState<(typeof TRIGGERS)[number]>('keyword');
  const [pattern, setPattern] = useState('');
  const [penalty, setPenalty] = useState<Rule['penalty']>('warn');
  const [duration, setDuration] = useState('');
  const [description, setDescription] = useState('');
  const [result, setResult] = useState<Outcome>(undefined);
  const timed = penalty === 'mute' || penalty === 'ban';
  const create = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    try {
      await post(`/groups/${groupId}/rules`, {
        rule_name: name.trim(),
        description,
        penalty,
        penalty_duration: timed && duration.trim() !== '' ? Number(duration) : null,
        trigger: trigger ? { type: trigger, pattern } : null,
      });
      setName('');
      setPattern('');
      setDescription('');
      setResult({ ok: true, text: t('ruleCreated') });
      onCreated();
    } catch (err) {
      setResult({ ok: false, text: explain(err) });
    }
  };
  return (
    <form class="settings" onSubmit={(e) => void create(e)}>
      <h2>{t('newRule')}</h2>
      <div class="field">
        <label for="r-name">{t('ruleName')}</label>
        <input id="r-name" value={name} maxLength={64} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="r-trigger">{t('trigger')}</label>
        <select id="r-trigger" value={trigger} onChange={(e) => setTrigger(e.currentTarget.value as (typeof TRIGGERS)[number])}>
          {TRIGGERS.map((x) => (
            <option key={x} value={x}>
              {x || t('noTrigger')}
            </option>
          ))}
        </select>
      </div>
      {(trigger === 'keyword' || trigger === 'regex') && (
        <div class="field">
          <label for="r-pattern">{t('pattern')}</label>
          <input id="r-pattern" value={pattern} maxLength={500} onInput={(e) => setPattern(e.currentTarget.value)} />
        </div>
      )}
      <div class="field">
        <label for="r-penalty">{t('penalty')}</label>
        <select id="r-penalty" value={penalty} onChange={(e) => setPenalty(e.currentTarget.value as Rule['penalty'])}>
          {PENALTIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      {timed && (
        <div class="field">
          <label for="r-duration">{t('penaltyDuration')}</label>
          <input id="r-duration" type="number" min={30} value={duration} onInput={(e) => setDuration(e.currentTarget.value)} />
        </div>
      )}
      <div class="field">
        <label for="r-description">{t('ruleDescription')}</label>
        <input id="r-description" value={description} maxLength={2000} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={!name.trim()}>
        {t('createRule')}
      </button>
      <OutcomeLine outcome={result} />
    </form>
  );
}
