import { expect } from 'chai';
import { compileRulePattern, keywordPattern, type TextPattern } from './pattern.js';
import { ruleCreate, rulePatch } from './rules.schema.js';

const compiled = (source: string): TextPattern => {
  const c = compileRulePattern(source);
  if (!c.ok) throw new Error(`expected ${source} to compile: ${c.reason}`);
  return c.pattern;
};

const refusal = (source: string): string => {
  const c = compileRulePattern(source);
  if (c.ok) throw new Error(`expected ${source} to be refused`);
  return c.reason;
};

/** Telegram's longest text message. */
const LONG = 4096;

describe('rule patterns (linear-time engine)', () => {
  it('when a pattern needs backtracking, then it is refused with the construct named', () => {
    expect(refusal('(?<=@)spam')).to.equal('rule patterns run on a linear-time engine (RE2), which does not support lookbehind `(?<=`');
    expect(refusal('(?<!no )spam')).to.contain('does not support lookbehind');
    expect(refusal('buy(?= now)')).to.contain('does not support lookahead');
    expect(refusal('buy(?!ing)')).to.contain('does not support lookahead');
    expect(refusal('(\\w)\\1')).to.contain('does not support backreferences `\\1`');
    expect(refusal('(?<w>\\w)\\k<w>')).to.contain('does not support named backreferences');
  });

  it('when lookaround-like text is escaped or inside a class, then the pattern is accepted and means what it says', () => {
    expect(compiled('\\(?=x').test('(=x')).to.equal(true);
    expect(compiled('[(?<=]+x').test('?<=x')).to.equal(true);
    expect(compiled('\\\\1').test('\\1')).to.equal(true);
    expect(compiled('(?<name>sp)am').test('SPAM')).to.equal(true);
  });

  it('when a pattern is not valid JavaScript regex syntax or exceeds the engine limits, then the reason is given', () => {
    expect(refusal('(unclosed')).to.match(/^pattern is not a valid regular expression: .*Unterminated group/);
    expect(refusal('(a{100}){100}')).to.match(/^rule patterns run on a linear-time engine \(RE2\), which refuses this pattern: .*invalid repeat count/);
  });

  it('when the classic catastrophic patterns meet 4096-character messages, then each answers correctly', () => {
    const cases: [pattern: string, text: string, hit: boolean][] = [
      ['(a+)+$', `${'a'.repeat(LONG - 1)}!`, false],
      ['(a+)+$', `!${'a'.repeat(LONG - 1)}`, true],
      ['^(a+)+$', `${'a'.repeat(LONG - 1)}!`, false],
      ['(a|aa)+$', `${'a'.repeat(LONG - 1)}!`, false],
      ['(a|a?)+b', 'a'.repeat(LONG), false],
      ['(.*a){20}', `${'a'.repeat(19)}${'b'.repeat(LONG - 19)}`, false],
      ['(.*a){20}', `${'b'.repeat(LONG - 20)}${'a'.repeat(20)}`, true],
      ['^([a-zA-Z]+)*$', `${'a'.repeat(LONG - 1)}1`, false],
      ['^([a-zA-Z]+)*$', 'a'.repeat(LONG), true],
      ['^(\\w+\\s?)*$', `${'word '.repeat(LONG / 5 - 1)}word!`, false],
      ['(x+x+)+y', 'x'.repeat(LONG), false],
      ['(\\d+)*[a-z]$', `${'1'.repeat(LONG - 1)}Z`, true],
    ];
    for (const [pattern, text, hit] of cases) {
      expect(text.length, pattern).to.be.within(LONG - 1, LONG);
      expect(compiled(pattern).test(text), `${pattern} against ${text.slice(0, 8)}...`).to.equal(hit);
    }
  });

  it('when a pattern uses Unicode, case or JavaScript escapes, then it matches as the iu flags would', () => {
    expect(compiled('привет').test('Всем ПРИВЕТ!')).to.equal(true);
    expect(compiled('^\\p{L}+$').test('Ωmega')).to.equal(true);
    expect(compiled('^\\p{L}+$').test('Ω1')).to.equal(false);
    expect(compiled('\\p{Script=Cyrillic}{3}').test('abc где')).to.equal(true);
    expect(compiled('\\u0041\\u{1F600}').test('xa😀')).to.equal(true);
    expect(compiled('^.$').test('😀')).to.equal(true);
    expect(compiled('t\\.me/\\w+').test('join T.ME/spam_bot')).to.equal(true);
    expect(compiled('^$').test('')).to.equal(true);
  });

  it('when a keyword is matched, then only the whole word counts, in any case and script, with metacharacters literal', () => {
    expect(keywordPattern('casino').test('best CASINO here')).to.equal(true);
    expect(keywordPattern('casino').test('casinos and casinoX')).to.equal(false);
    expect(keywordPattern('казино').test('это Казино!')).to.equal(true);
    expect(keywordPattern('казино').test('суперказино')).to.equal(false);
    expect(keywordPattern('c++').test('I write C++.')).to.equal(true);
    expect(keywordPattern('a.b').test('axb')).to.equal(false);
    expect(keywordPattern('aa').test(`${'a'.repeat(LONG - 1)}!`)).to.equal(false);
  });

  it('when a rule is created or patched with a refused pattern, then the schema reports the reason at trigger.pattern', () => {
    const created = ruleCreate.safeParse({ rule_name: 'r', trigger: { type: 'regex', pattern: '(?<=a)b' } });
    expect(created.success).to.equal(false);
    expect(created.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).to.deep.equal([
      { path: 'trigger.pattern', message: 'rule patterns run on a linear-time engine (RE2), which does not support lookbehind `(?<=`' },
    ]);
    const patched = rulePatch.safeParse({ trigger: { type: 'regex', pattern: '(x)\\1' } });
    expect(patched.error?.issues[0]?.message).to.contain('backreferences');
    expect(ruleCreate.safeParse({ rule_name: 'r', trigger: { type: 'regex', pattern: '(a+)+$' } }).success).to.equal(true);
    // Keyword patterns are literals: lookaround syntax in one is just text.
    expect(ruleCreate.safeParse({ rule_name: 'r', trigger: { type: 'keyword', pattern: '(?<=a)' } }).success).to.equal(true);
  });
});
