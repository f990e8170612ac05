import { expect } from 'chai';
import { formatDuration, MAX_DURATION_S, parseDuration } from './duration.js';

describe('parseDuration', () => {
  const valid: [string, number, boolean][] = [
    ['30s', 30, false],
    ['10m', 600, false],
    ['4h', 14_400, false],
    ['2d', 172_800, false],
    ['1w', 604_800, false],
    ['1h30m', 5_400, false],
    ['1d12h', 129_600, false],
    ['1w2d3h4m5s', 788_645, false],
    [' 2H ', 7_200, false],
    ['10s', 30, true],
    ['1s', 30, true],
    ['400d', MAX_DURATION_S, true],
    ['366d', MAX_DURATION_S, false],
    ['53w', MAX_DURATION_S, true],
  ];
  for (const [input, seconds, clamped] of valid) {
    it(`when given "${input}", then it is ${seconds} s${clamped ? ', clamped' : ''}`, () => {
      const result = parseDuration(input);
      expect(result).to.deep.include({ ok: true, seconds, clamped });
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /Give a duration/],
    ['   ', /Give a duration/],
    ['10x', /"x" is not a time unit/],
    ['0m', /is zero/],
    ['0s0m', /is zero/],
    ['30', /needs a unit/],
    ['1h1h', /hours twice/],
    ['h', /is not a duration/],
    ['1.5h', /is not a duration/],
    ['-5m', /is not a duration/],
    ['1h 30m', /is not a duration/],
    ['99999999999999999999d', /too long/],
    ['1000000000s', /too long/],
  ];
  for (const [input, message] of invalid) {
    it(`when given "${input}", then it is refused with a clear message`, () => {
      const result = parseDuration(input);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.message).to.match(message);
    });
  }

  it('when a huge but digit-bounded value is given, then it is clamped to 366 days', () => {
    expect(parseDuration('999999999w')).to.deep.include({ ok: true, seconds: MAX_DURATION_S, clamped: true, requestedSeconds: 999_999_999 * 604_800 });
  });
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0 seconds'],
    [1, '1 second'],
    [30, '30 seconds'],
    [60, '1 minute'],
    [5_400, '1 hour 30 minutes'],
    [86_400, '1 day'],
    [90_061, '1 day 1 hour 1 minute 1 second'],
    [604_800, '1 week'],
    [1_209_600 + 3 * 86_400, '2 weeks 3 days'],
    [MAX_DURATION_S, '52 weeks 2 days'],
  ];
  for (const [seconds, text] of cases) {
    it(`when given ${seconds}, then it reads "${text}"`, () => {
      expect(formatDuration(seconds)).to.equal(text);
    });
  }

  it('when a parsed duration is formatted, then it reads back the same', () => {
    const result = parseDuration('1h30m');
    expect(result.ok && formatDuration(result.seconds)).to.equal('1 hour 30 minutes');
  });
});
