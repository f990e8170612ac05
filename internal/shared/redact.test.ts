import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from './logger.js';
import { REDACTED, redactText, redactValue } from './redact.js';

const TOKEN = '1234567890:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';

describe('shared/redact and logger', () => {
  it('when text carries a bot token in a Bot API URL, then the token is replaced', () => {
    const out = redactText(`POST https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
    expect(out).to.not.include(TOKEN);
    expect(out).to.include(`bot${REDACTED}/sendMessage`);
  });

  it('when a connection string has a password, then only the password is hidden', () => {
    expect(redactText('mongodb://app:s3cret@db:27017/x')).to.equal(`mongodb://app:${REDACTED}@db:27017/x`);
    expect(redactText('redis://:pw@redis:6379')).to.equal(`redis://:${REDACTED}@redis:6379`);
  });

  it('when an object has secret-named fields, then they are masked at any depth', () => {
    const out = redactValue({ headers: { authorization: 'Bearer abc.def.ghi' }, apiKey: 'k', nested: [{ password: 'p' }], ok: 1 });
    expect(out).to.deep.equal({ headers: { authorization: REDACTED }, apiKey: REDACTED, nested: [{ password: REDACTED }], ok: 1 });
  });

  it('when the JSON logger logs a token in the message, metadata and an error, then no line contains it', async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString()));
    const logger = createLogger({ service: 'test', format: 'json', stream });
    logger.info(`calling bot${TOKEN}`, { url: `https://api.telegram.org/bot${TOKEN}/getMe`, telegram_bot_token: TOKEN });
    logger.error('failed', { err: new Error(`401 for ${TOKEN}`) });
    await new Promise((r) => setImmediate(r));
    const text = chunks.join('');
    expect(text).to.not.include(TOKEN);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.include({ level: 'info', service: 'test' });
    expect(lines[0]?.telegram_bot_token).to.equal(REDACTED);
  });
});
