import { expect } from 'chai';
import { parseTarget, type TargetResult } from './target.js';

describe('parseTarget', () => {
  const cases: [string, string, { replyTo?: { userId: number } }, TargetResult][] = [
    ['a username', '@spammer_01 flooding the chat', {}, { ok: true, target: { kind: 'username', username: 'spammer_01' }, reason: 'flooding the chat' }],
    ['a numeric id', '123456789 spam', {}, { ok: true, target: { kind: 'id', userId: 123456789 }, reason: 'spam' }],
    ['a 52-bit id', '4503599627370495', {}, { ok: true, target: { kind: 'id', userId: 4503599627370495 }, reason: '' }],
    ['the largest safe id', '9007199254740991 x', {}, { ok: true, target: { kind: 'id', userId: 9007199254740991 }, reason: 'x' }],
    ['a reply with a reason', 'posting links', { replyTo: { userId: 42 } }, { ok: true, target: { kind: 'reply', userId: 42 }, reason: 'posting links' }],
    ['a reply without arguments', '', { replyTo: { userId: 42 } }, { ok: true, target: { kind: 'reply', userId: 42 }, reason: '' }],
    [
      'a reply and an explicit @username',
      '@other_user spam',
      { replyTo: { userId: 42 } },
      { ok: true, target: { kind: 'username', username: 'other_user' }, reason: 'spam' },
    ],
    [
      'a multi-line reason',
      '@spammer_01 line one\nline two',
      {},
      { ok: true, target: { kind: 'username', username: 'spammer_01' }, reason: 'line one\nline two' },
    ],
  ];
  for (const [what, args, opts, expected] of cases) {
    it(`when given ${what}, then the target and reason are found`, () => {
      expect(parseTarget(args, opts)).to.deep.equal(expected);
    });
  }

  const refused: [string, string, RegExp][] = [
    ['nothing and no reply', '', /Reply to one of their messages/],
    ['only a reason', 'spam', /Reply to one of their messages/],
    ['a too-short username', '@abc', /not a valid username/],
    ['a username starting with a digit', '@1abcdef', /not a valid username/],
    ['a negative id', '-1001234567890', /looks like a chat id/],
    ['an id beyond 2^53-1', '9007199254740992', /not a valid Telegram user id/],
    ['id zero', '0', /not a valid Telegram user id/],
  ];
  for (const [what, args, message] of refused) {
    it(`when given ${what}, then it is refused with a clear message`, () => {
      const result = parseTarget(args);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.message).to.match(message);
    });
  }
});
