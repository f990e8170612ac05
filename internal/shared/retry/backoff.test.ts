import { expect } from 'chai';
import { exponentialBackoff } from './backoff.js';

describe('shared/retry/backoff', () => {
  it('when attempts grow, then the delay doubles from the base up to the cap', () => {
    const delay = exponentialBackoff({ baseMs: 50, maxMs: 2_000 });
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(delay)).to.deep.equal([50, 100, 200, 400, 800, 1_600, 2_000, 2_000]);
  });

  it('when the attempt number is huge or negative, then the delay stays within base and cap', () => {
    const delay = exponentialBackoff({ baseMs: 5, maxMs: 1_000_000 });
    expect(delay(1_000_000)).to.equal(1_000_000);
    expect(delay(-3)).to.equal(5);
    expect(exponentialBackoff({ baseMs: 250 })(1_000)).to.be.finite;
  });

  it('when a factor is given, then the delay grows by it', () => {
    expect([0, 1, 2].map(exponentialBackoff({ baseMs: 10, factor: 3 }))).to.deep.equal([10, 30, 90]);
  });

  it('when jittered, then the delay spreads evenly around the nominal one', () => {
    const table: [random: number, ms: number][] = [
      [0, 50],
      [0.5, 100],
      [0.999, 149.9],
    ];
    for (const [random, ms] of table) {
      expect(exponentialBackoff({ baseMs: 100, jitter: 0.5, random: () => random })(0)).to.be.closeTo(ms, 1e-9);
    }
  });
});
