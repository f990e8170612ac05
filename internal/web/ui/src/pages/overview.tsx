import { useEffect, useMemo, useState } from 'preact/hooks';
import { get } from '../api.js';
import { DayChart, loadUplot } from '../chart.js';
import type { T } from '../i18n.js';
import { watchGroup } from '../live.js';
import { actionsInPeriod, fillDays, messagesByLocalHour, type GroupStats } from '../stats-math.js';
import { Choice, GroupTabs, Show, useLoad } from './common.js';

const PERIODS = [7, 30, 90] as const;
const TOTALS = [
  ['messages', 'messages'],
  ['joins', 'joins'],
  ['leaves', 'leaves'],
  ['active_members', 'activeMembers'],
] as const;

/** The busiest hour's column height; the others scale to it. */
const BAR_PX = 100;

/** Live ticks come every few seconds per busy group: the numbers reload at most this often. */
const REDRAW_MS = 2000;

export function OverviewPage({ t, groupId }: { t: T; groupId: number }) {
  const [period, setPeriod] = useState<number>(30);
  const [ticks, setTicks] = useState(0);
  useEffect(() => void loadUplot(), []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const redraw = () => (timer ??= setTimeout(() => ((timer = undefined), setTicks((n) => n + 1)), REDRAW_MS));
    const stop = watchGroup(groupId, {
      // Moderation moves the actions chart; messages, joins and leaves come as stats ticks.
      onEntry: (e) => e.event_type.startsWith('action.') && redraw(),
      onStats: redraw,
      onDenied: () => undefined,
      onReload: redraw,
      onState: () => undefined,
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [groupId]);
  const [stats, retry] = useLoad(() => get<GroupStats>(`/groups/${groupId}/stats?days=${period}`), [groupId, period, ticks], { keep: ticks > 0 });
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="overview" />
      <h1>{t('overview')}</h1>
      <Choice
        label={t('period')}
        value={String(period)}
        options={PERIODS.map((p) => [String(p), t('days', { n: p })])}
        onChange={(v) => setPeriod(Number(v))}
      />
      <p class="reports">
        {t('reports')}:{' '}
        {(['members', 'actions', 'stats'] as const).map((r) => (
          <a key={r} href={`/web/v1/groups/${groupId}/reports/${r}.csv?days=${period}`} download>
            {t(r === 'members' ? 'membersCsv' : r === 'actions' ? 'actionsCsv' : 'statsCsv')}
          </a>
        ))}
      </p>
      <Show t={t} loaded={stats} retry={retry}>
        {(s) => <Charts t={t} stats={s} period={period} groupId={groupId} />}
      </Show>
    </section>
  );
}

function Charts({ t, stats, period, groupId }: { t: T; stats: GroupStats; period: number; groupId: number }) {
  const days = useMemo(() => fillDays(stats.days, period), [stats, period]);
  const labels = useMemo(() => days.map((d) => d.day), [days]);
  const messages = useMemo(() => [{ label: t('messages'), values: days.map((d) => d.messages), color: '#2a7ae2' }], [days, t]);
  const flow = useMemo(
    () => [
      { label: t('joins'), values: days.map((d) => d.joins), color: '#1e8e3e' },
      { label: t('leaves'), values: days.map((d) => d.leaves), color: '#c5221f' },
    ],
    [days, t],
  );
  const actions = useMemo(() => actionsInPeriod(days), [days]);
  const hours = useMemo(() => messagesByLocalHour(days), [days]);
  const busiest = Math.max(...hours);
  return (
    <>
      <dl class="totals">
        {TOTALS.map(([key, label]) => (
          <div key={key}>
            <dt>{t(label)}</dt>
            <dd data-total={key}>{stats.totals[key]}</dd>
          </div>
        ))}
      </dl>
      <DayChart title={t('messagesPerDay')} days={labels} series={messages} />
      <DayChart title={t('joinsLeaves')} days={labels} series={flow} />
      <h2>{t('actionsByType')}</h2>
      {actions.length === 0 ? (
        <p>{t('noActions')}</p>
      ) : (
        <ul class="bars">
          {actions.map(([type, n]) => (
            <li key={type}>
              <span>{type}</span>
              <meter min={0} max={actions[0]?.[1] ?? n} value={n} aria-label={type} />
              <span>{n}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('busiestHours')}</h2>
      {busiest === 0 ? (
        <p>{t('noMessages')}</p>
      ) : (
        <ol class="hours" aria-label={t('busiestHours')}>
          {hours.map((n, h) => (
            <li key={h}>
              <span class="hour-bar" aria-hidden="true" style={{ height: `${Math.round((n / busiest) * BAR_PX)}px` }} />
              <span class={h % 6 === 0 ? 'tick' : 'sr-only'}>{`${String(h).padStart(2, '0')}:00`}</span>
              <span class="sr-only">{t('messagesN', { n })}</span>
            </li>
          ))}
        </ol>
      )}
      <h2>{t('topMembers')}</h2>
      {stats.top_members.length === 0 ? (
        <p>{t('noMessages')}</p>
      ) : (
        <ol class="top">
          {stats.top_members.map((m) => (
            <li key={m.user_id}>
              <a href={`#/groups/${groupId}/members/${m.user_id}`}>
                {[m.first_name, m.last_name].filter(Boolean).join(' ') || (m.username ? `@${m.username}` : m.user_id)}
              </a>{' '}
              <span data-messages={m.user_id}>{m.message_count}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
