import { expect } from 'chai';
import { MemoryBucketStore } from './bucket-store.memory.js';
import { retryAfterSeconds, takeToken, type BucketLimit, type BucketState } from './token-bucket.js';
import { manualClock } from './rate-limit.test-support.js';

const limit: BucketLimit = { perSecond: 2, burst: 5 };

/** Takes `n` tokens at `nowMs`, threading the state through; returns the results and the last state. */
function takeMany(n: number, state: BucketState | undefined, nowMs: number) {
  const allowed: boolean[] = [];
  let s = state;
  let last = { allowed: true, remaining: 0, retryAfterMs: 0 };
  for (let i = 0; i < n; i++) {
    const step = takeToken(s, limit, nowMs);
    s = step.state;
    last = step.result;
    allowed.push(step.result.allowed);
  }
  return { allowed, state: s, last };
}

describe('api/rate-limit token bucket', () => {
  it('when a caller is new, then its bucket is full: burst calls pass at once and the next is refused', () => {
    const { allowed, last } = takeMany(6, undefined, 0);
    expect(allowed).to.deep.equal([true, true, true, true, true, false]);
    // Empty, refilling at 2/s: one token is 500 ms away.
    expect(last).to.deep.equal({ allowed: false, remaining: 0, retryAfterMs: 500 });
  });

  it('when a call passes, then remaining counts the whole tokens left', () => {
    const first = takeToken(undefined, limit, 0);
    expect(first.result).to.deep.equal({ allowed: true, remaining: 4, retryAfterMs: 0 });
    expect(first.state).to.deep.equal({ tokens: 4, atMs: 0 });
  });

  it('when time passes, then tokens flow back at the rate, partly as well as wholly', () => {
    const empty = takeMany(5, undefined, 0).state;
    expect(takeToken(empty, limit, 250).result).to.deep.equal({ allowed: false, remaining: 0, retryAfterMs: 250 });
    expect(takeToken(empty, limit, 500).result.allowed).to.equal(true);
    // 1.5 s refills 3 tokens: three calls pass, the fourth waits for the half token it lacks.
    const { allowed, last } = takeMany(4, empty, 1_500);
    expect(allowed).to.deep.equal([true, true, true, false]);
    expect(last.retryAfterMs).to.equal(500);
  });

  it('when a bucket is idle for long, then it refills up to the burst and no further', () => {
    const empty = takeMany(5, undefined, 0).state;
    const { allowed } = takeMany(7, empty, 3_600_000);
    expect(allowed).to.deep.equal([true, true, true, true, true, false, false]);
  });

  it('when the clock steps back, then nothing refills and nothing is lost', () => {
    const two = takeMany(3, undefined, 10_000).state;
    const back = takeToken(two, limit, 9_000);
    expect(back.result).to.deep.equal({ allowed: true, remaining: 1, retryAfterMs: 0 });
    expect(back.state.tokens).to.equal(1);
  });

  it('when a refusal is turned into Retry-After, then it is whole seconds rounded up and never 0', () => {
    expect([0, 1, 500, 1_000, 1_001, 2_500].map(retryAfterSeconds)).to.deep.equal([1, 1, 1, 1, 2, 3]);
    // A slow rate: 0.1/s leaves an empty bucket 10 s from its next token.
    const slow = { perSecond: 0.1, burst: 1 };
    const spent = takeToken(undefined, slow, 0).state;
    expect(retryAfterSeconds(takeToken(spent, slow, 0).result.retryAfterMs)).to.equal(10);
  });

  it('when the in-process store holds more callers than its bound, then the oldest is forgotten with a full bucket again', () => {
    const clock = manualClock();
    const store = new MemoryBucketStore(clock.now, 2);
    const one = { perSecond: 1, burst: 1 };
    expect(store.take('a', one).allowed).to.equal(true);
    expect(store.take('a', one).allowed).to.equal(false);
    store.take('b', one);
    store.take('c', one);
    expect(store.take('a', one).allowed).to.equal(true);
    clock.advance(1_000);
    expect(store.take('c', one).allowed).to.equal(true);
  });
});
