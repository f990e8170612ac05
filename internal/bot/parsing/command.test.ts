import { expect } from 'chai';
import { parseCommand, type ParsedCommand } from './command.js';

describe('parseCommand', () => {
  const bot = 'group_guard_bot';
  const cases: [string, ParsedCommand | undefined][] = [
    ['/ban', { command: 'ban', args: '', argv: [] }],
    ['/ban @spammer_1 spam', { command: 'ban', args: '@spammer_1 spam', argv: ['@spammer_1', 'spam'] }],
    ['/tban@group_guard_bot @x_user 1h30m', { command: 'tban', args: '@x_user 1h30m', argv: ['@x_user', '1h30m'] }],
    ['/BAN@Group_Guard_Bot', { command: 'ban', args: '', argv: [] }],
    ['/setrules\nNo spam.\nBe kind.', { command: 'setrules', args: 'No spam.\nBe kind.', argv: ['No', 'spam.', 'Be', 'kind.'] }],
    ['/warn   lots   of   space', { command: 'warn', args: 'lots   of   space', argv: ['lots', 'of', 'space'] }],
    ['/ban@other_bot @x_user', undefined],
    ['hello /ban', undefined],
    ['/', undefined],
    ['/ban-now', undefined],
    ['ban', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`when given ${JSON.stringify(text)}, then it parses to ${expected ? expected.command : 'nothing'}`, () => {
      expect(parseCommand(text, bot)).to.deep.equal(expected);
    });
  }

  it('when the bot username is given with @, then it still matches', () => {
    expect(parseCommand('/help@group_guard_bot', '@group_guard_bot')?.command).to.equal('help');
  });
});
