import { expect } from 'chai';
import { CircuitBreaker } from './circuit-breaker.js';

describe('shared/retry/circuit-breaker', () => {
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

  it('when half-open, then only one trial is handed out until it reports', () => {
    let t = 0;
    const b = new CircuitBreaker(1, 100, () => t);
    b.failure();
    expect(b.tryAcquire()).to.equal(false);
    t = 100;
    expect(b.tryAcquire()).to.equal(true);
    expect(b.tryAcquire()).to.equal(false);
    expect(b.allows()).to.equal(true); // a query, not a claim
    b.success();
    expect(b.tryAcquire()).to.equal(true);
    expect(b.tripped()).to.equal(false);
  });

  it('when a trial never reports, then another is handed out after a further cool-down', () => {
    let t = 0;
    const b = new CircuitBreaker(1, 100, () => t);
    b.failure();
    t = 100;
    expect(b.tryAcquire()).to.equal(true);
    t = 150;
    expect(b.tryAcquire()).to.equal(false);
    t = 200;
    expect(b.tryAcquire()).to.equal(true);
  });
});
