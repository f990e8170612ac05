import { expect } from 'chai';
import { PLACEHOLDER_MAX } from '../../domain/settings/welcome-limits.js';
import { renderWelcome } from './welcome.js';

/** What Telegram counts: the text once the HTML is parsed (tags gone, entities decoded). */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('bot: welcome placeholders against the api’s length limits', () => {
  // As long as Telegram allows: 64-character names, a 32-character username, a 128-character title.
  const longest = { id: Number.MAX_SAFE_INTEGER, first_name: '&'.repeat(64), last_name: '<'.repeat(64), username: 'u'.repeat(32) };
  const noUsername = { ...longest, username: undefined };

  it('when every placeholder the api bounds is rendered with the longest names, then none exceeds its bound and the bot knows each one', () => {
    for (const [name, max] of Object.entries(PLACEHOLDER_MAX)) {
      for (const user of [longest, noUsername]) {
        const out = renderWelcome(`{${name}}`, { user, chatName: 'T'.repeat(128), count: 1_999_999_999 });
        expect(out, `the bot fills {${name}}`).to.not.equal(`{${name}}`);
        expect(visible(out).length, `{${name}}`).to.be.at.most(max);
      }
    }
  });
});
