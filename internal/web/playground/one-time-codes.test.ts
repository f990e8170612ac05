import { expect } from 'chai';
import { OneTimeCodes } from './one-time-codes.js';

describe('web: one-time sign-in codes (the playground link)', () => {
  it('when a code is taken, then it names its user once and never again', () => {
    const codes = new OneTimeCodes(60_000);
    const code = codes.issue(100_001);
    expect(codes.take(code)).to.equal(100_001);
    expect(codes.take(code)).to.equal(undefined);
  });

  it('when a code has expired or was never issued, then it names no one', () => {
    let now = 1_000;
    const codes = new OneTimeCodes(60_000, () => now);
    const code = codes.issue(7);
    now += 60_000;
    expect(codes.take(code)).to.equal(undefined);
    expect(codes.take('not-a-code')).to.equal(undefined);
  });
});
