import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.js';
import type { T } from '../i18n.js';
import { GroupTabs } from './common.js';

type PersonaKey = 'owner' | 'admin' | 'member' | 'newcomer';

interface Persona {
  key: PersonaKey;
  user_id: number;
  name: string;
  username: string;
  status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
  until: number | null;
  can_send: boolean;
}

interface ChatMessage {
  message_id: number;
  from_name: string;
  from_bot: boolean;
  text: string | null;
  event: 'joined' | 'left' | null;
  date: number;
  deleted: boolean;
}

interface View {
  title: string;
  bot_username: string;
  personas: Persona[];
  messages: ChatMessage[];
}

/** The simulated chat refreshes this often while the page is open and visible. */
const REFRESH_MS = 1000;
/** One more than the demo group's antiflood limit (5 in 10 s), so the flood button trips it. */
const FLOOD_MESSAGES = 6;

const time = (unix: number) => new Date(unix * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function standing(t: T, p: Persona): string {
  if (p.status === 'kicked') return p.until ? t('pgBannedUntil', { time: time(p.until) }) : t('pgBanned');
  if (p.status === 'left') return t('pgOut');
  if (p.status === 'restricted' && !p.can_send) return p.until ? t('pgMutedUntil', { time: time(p.until) }) : t('pgMuted');
  return t(`pg_${p.key}`);
}

/**
 * The playground: the real bot in a simulated group. Type as the owner, an admin, a member or
 * a newcomer; the bot answers, deletes and restricts as on Telegram, and every other page
 * (members, audit, overview) follows live.
 */
export function PlaygroundPage({ t, groupId }: { t: T; groupId: number }) {
  const [view, setView] = useState<View | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [as, setAs] = useState<PersonaKey>('member');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const bottom = useRef<HTMLLIElement>(null);

  const load = () =>
    get<View>(`/groups/${groupId}/playground`).then(
      (v) => {
        setView(v);
        setFailure(undefined);
      },
      (err: unknown) => setFailure(err instanceof Error ? err.message : String(err)),
    );
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (!document.hidden) void load();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [groupId]);
  const count = view?.messages.length ?? 0;
  useEffect(() => bottom.current?.scrollIntoView({ block: 'nearest' }), [count]);

  const act = async (run: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await run();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    }
    await load();
  };
  const say = (message: string) => post(`/groups/${groupId}/playground/messages`, { as, text: message });
  const send = (e: Event) => {
    e.preventDefault();
    const message = text;
    void act(async () => {
      await say(message);
      setText('');
    });
  };
  const flood = () =>
    void act(async () => {
      for (let i = 1; i <= FLOOD_MESSAGES; i++) await say(t('pgFloodLine', { n: i }));
    });
  const membership = (action: 'join' | 'leave') => void act(() => post(`/groups/${groupId}/playground/members`, { as, action }));

  const me = view?.personas.find((p) => p.key === as);
  const inGroup = me !== undefined && me.status !== 'left' && me.status !== 'kicked';
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="playground" />
      <h1>{t('playground')}</h1>
      <p>{t('pgIntro', { bot: view ? `@${view.bot_username}` : '' })}</p>
      {failure && (
        <p class="notice" role="alert">
          {failure}
        </p>
      )}
      {view && (
        <div class="playground">
          <div role="log" aria-label={view.title}>
            <ol class="chat">
              {view.messages.map((m) =>
                m.event ? (
                  <li key={m.message_id} class="event">
                    {t(m.event === 'joined' ? 'pgJoined' : 'pgLeft', { name: m.from_name })}
                  </li>
                ) : (
                  <li key={m.message_id} class={`${m.from_bot ? 'from-bot' : ''} ${m.deleted ? 'deleted' : ''}`}>
                    <span class="who">{m.from_name}</span> <span class="when">{time(m.date)}</span>
                    <p>{m.deleted ? <del>{m.text}</del> : m.text}</p>
                    {m.deleted && <span class="status">{t('pgDeleted')}</span>}
                  </li>
                ),
              )}
              <li ref={bottom} class="end" aria-hidden="true" />
            </ol>
          </div>
          <form class="settings" onSubmit={send}>
            <fieldset>
              <legend>{t('pgTypeAs')}</legend>
              {view.personas.map((p) => (
                <label key={p.key} class="persona">
                  <input type="radio" name="persona" value={p.key} checked={as === p.key} onChange={() => setAs(p.key)} /> {p.name}{' '}
                  <span class="status">({standing(t, p)})</span>
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="pg-text">{t('pgMessage', { name: me?.name ?? '' })}</label>
              <textarea id="pg-text" rows={2} maxLength={4096} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            </div>
            <div class="row">
              <button type="submit" disabled={!text.trim() || me?.can_send !== true}>
                {t('send')}
              </button>
              <button type="button" disabled={me?.can_send !== true} onClick={flood}>
                {t('pgFlood', { n: FLOOD_MESSAGES })}
              </button>
              {inGroup ? (
                <button type="button" disabled={as === 'owner'} onClick={() => membership('leave')}>
                  {t('pgLeave')}
                </button>
              ) : (
                <button type="button" disabled={me?.status === 'kicked'} onClick={() => membership('join')}>
                  {t('pgJoin')}
                </button>
              )}
            </div>
            {problem && (
              <p class="notice" role="alert">
                {problem}
              </p>
            )}
            <p class="status">{t('pgTry')}</p>
          </form>
        </div>
      )}
    </section>
  );
}
