import { expect } from 'chai';
import { CircuitBreaker } from './circuit-breaker.js';

describe('connect/circuit-breaker', () => {
  it('when failures reach the threshold, then it opens, half-opens after the cool-down and closes on success', () => {
    let t = 0;
    const b = new CircuitBreaker(2, 100, () => t);
    b.failure();
    expect(b.state()).to.equal('closed');
    b.failure();
    expect(b.state()).to.equal('open');
    expect(b.allows()).to.equal(false);
    t = 100;
    expect(b.state()).to.equal('half-open');
    b.failure(); // the trial failed: open again for a full cool-down
    expect(b.allows()).to.equal(false);
    t = 200;
    b.success();
    expect(b.state()).to.equal('closed');
  });
});
