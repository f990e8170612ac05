import { expect } from 'chai';
import { createHash, createHmac } from 'node:crypto';
import { verifyInitData, verifyLoginWidget } from './telegram-signature.js';

const TOKEN = '123456:TEST-token_for_signatures';
const NOW = new Date('2026-12-04T12:00:00Z');
const nowS = NOW.getTime() / 1000;
const opts = { now: NOW, maxAgeS: 24 * 3600 };

/** Signs as Telegram documents it, written out here from the docs rather than taken from the code. */
function widget(fields: Record<string, string | number>, token = TOKEN): Record<string, string | number> {
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  const hash = createHmac('sha256', createHash('sha256').update(token).digest()).update(check).digest('hex');
  return { ...fields, hash };
}

function initData(fields: Record<string, string>, token = TOKEN): string {
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

const person = { id: 4242, first_name: 'Ada', username: 'ada' };

describe('web/auth Telegram signatures', () => {
  describe('the Login Widget', () => {
    it('when the payload is signed with the bot token and fresh, then it names the person', () => {
      const result = verifyLoginWidget(widget({ ...person, auth_date: nowS - 60 }), TOKEN, opts);
      expect(result).to.deep.include({ ok: true });
      if (result.ok) expect(result.user).to.deep.equal(person);
    });

    it('when any field is changed after signing, then it is refused as not signed by this bot', () => {
      const signed = widget({ ...person, auth_date: nowS - 60 });
      for (const forged of [
        { ...signed, id: 1 },
        { ...signed, username: 'root' },
        { ...signed, extra: 'x' },
      ]) {
        expect(verifyLoginWidget(forged, TOKEN, opts)).to.deep.equal({ ok: false, reason: 'the sign-in data is not signed by this bot' });
      }
    });

    it('when signed with another bot token, then it is refused', () => {
      const result = verifyLoginWidget(widget({ ...person, auth_date: nowS }, '999:other'), TOKEN, opts);
      expect(result.ok).to.equal(false);
    });

    it('when a field Telegram added later is signed too, then it counts and the sign-in holds', () => {
      const result = verifyLoginWidget(widget({ ...person, auth_date: nowS, photo_url: 'https://t.me/i/userpic/1.jpg', new_field: 'kept' }), TOKEN, opts);
      expect(result.ok).to.equal(true);
    });

    it('when auth_date is older than the window or ahead of the clock, then it is refused and says which', () => {
      const stale = verifyLoginWidget(widget({ ...person, auth_date: nowS - 24 * 3600 - 1 }), TOKEN, opts);
      expect(stale).to.deep.equal({ ok: false, reason: 'the sign-in data is older than 86400 s; sign in again' });
      const future = verifyLoginWidget(widget({ ...person, auth_date: nowS + 3600 }), TOKEN, opts);
      expect(future).to.deep.equal({ ok: false, reason: 'the sign-in data is dated in the future' });
      expect(verifyLoginWidget(widget({ ...person, auth_date: nowS + 10 }), TOKEN, opts).ok, 'clock skew of 10 s').to.equal(true);
    });

    it('when the hash is missing or not 64 hex digits, then it is refused without comparing', () => {
      const { hash, ...unsigned } = widget({ ...person, auth_date: nowS });
      expect(verifyLoginWidget(unsigned, TOKEN, opts)).to.deep.equal({ ok: false, reason: 'the sign-in data has no valid hash' });
      expect(verifyLoginWidget({ ...unsigned, hash: String(hash).toUpperCase() }, TOKEN, opts).ok).to.equal(false);
      expect(verifyLoginWidget({ ...unsigned, hash: 'abc' }, TOKEN, opts).ok).to.equal(false);
    });
  });

  describe('Mini App initData', () => {
    const user = JSON.stringify({ ...person, language_code: 'ru' });

    it('when initData is signed under WebAppData with the bot token, then it names the person and their language', () => {
      const result = verifyInitData(initData({ query_id: 'AAH1', user, auth_date: String(nowS - 5) }), TOKEN, opts);
      expect(result.ok).to.equal(true);
      if (result.ok) expect(result.user).to.deep.equal({ ...person, language_code: 'ru' });
    });

    it("when initData is signed the Login Widget's way (SHA-256 of the token), then it is refused", () => {
      const fields = { user, auth_date: String(nowS) };
      const check = `auth_date=${fields.auth_date}\nuser=${user}`;
      const hash = createHmac('sha256', createHash('sha256').update(TOKEN).digest()).update(check).digest('hex');
      const result = verifyInitData(new URLSearchParams({ ...fields, hash }).toString(), TOKEN, opts);
      expect(result).to.deep.equal({ ok: false, reason: 'the sign-in data is not signed by this bot' });
    });

    it('when the user JSON is changed, a field repeats or the data is stale, then it is refused', () => {
      const good = initData({ user, auth_date: String(nowS) });
      expect(verifyInitData(good.replace('Ada', 'Eve'), TOKEN, opts).ok).to.equal(false);
      expect(verifyInitData(`${good}&user=${encodeURIComponent('{"id":1,"first_name":"Eve"}')}`, TOKEN, opts)).to.deep.equal({
        ok: false,
        reason: 'the sign-in data repeats the field user',
      });
      expect(verifyInitData(initData({ user, auth_date: String(nowS - 90_000) }), TOKEN, opts).ok).to.equal(false);
    });

    it('when the signed data names no user, then it is refused', () => {
      const result = verifyInitData(initData({ auth_date: String(nowS), chat_type: 'private' }), TOKEN, opts);
      expect(result).to.deep.equal({ ok: false, reason: 'the sign-in data names no Telegram user' });
    });
  });
});
