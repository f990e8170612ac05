import { useState } from 'preact/hooks';
import { ApiError, post } from '../api.js';
import type { T } from '../i18n.js';
import { GroupTabs, OutcomeLine, type Outcome } from './common.js';

const MAX = 4096;

/** A message to the group, sent by the bot (Telegram's limit: 4096 characters). */
export function AnnouncePage({ t, groupId }: { t: T; groupId: number }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<Outcome>(undefined);
  const send = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    try {
      await post(`/groups/${groupId}/messages`, { text });
      setText('');
      setResult({ ok: true, text: t('announced') });
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="announce" />
      <h1>{t('announce')}</h1>
      <form class="settings" onSubmit={(e) => void send(e)}>
        <div class="field">
          <label for="announce-text">{t('announceText')}</label>
          <textarea id="announce-text" rows={5} maxLength={MAX} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <p class="status">{t('chars', { n: text.length, max: MAX })}</p>
        </div>
        <button type="submit" disabled={!text.trim()}>
          {t('send')}
        </button>
        <OutcomeLine outcome={result} />
      </form>
    </section>
  );
}
