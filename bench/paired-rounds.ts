/** One load run: requests per second and latency percentiles in ms. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
}

export interface SideFigures extends LoadResult {
  /** The worst round's p99. */
  p99worst: number;
}

export interface PairedFigures {
  baseline: SideFigures;
  subject: SideFigures;
  /** Median over the rounds of subject/baseline within a round. */
  ratio: number;
  perRound: number[];
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

const mean = (a: LoadResult, b: LoadResult): LoadResult => ({ rps: (a.rps + b.rps) / 2, p50: (a.p50 + b.p50) / 2, p99: Math.max(a.p99, b.p99) });

/**
 * A subject against its baseline, side by side: one discarded run each (the first seconds
 * under load are V8 optimising the path), then `rounds` rounds of baseline, subject,
 * subject, baseline. On a shared 2-core machine other work comes and goes: a ratio within
 * one round, whose drift weighs on both sides alike, cancels most of it, and the figures
 * are medians over the rounds.
 */
export async function pairedRounds(rounds: number, baseline: () => Promise<LoadResult>, subject: () => Promise<LoadResult>): Promise<PairedFigures> {
  await baseline();
  await subject();
  const results: { baseline: LoadResult; subject: LoadResult }[] = [];
  for (let i = 0; i < rounds; i++) {
    const b1 = await baseline();
    const s1 = await subject();
    const s2 = await subject();
    const b2 = await baseline();
    results.push({ baseline: mean(b1, b2), subject: mean(s1, s2) });
  }
  const side = (pick: (r: (typeof results)[number]) => LoadResult): SideFigures => ({
    rps: median(results.map((r) => pick(r).rps)),
    p50: median(results.map((r) => pick(r).p50)),
    p99: median(results.map((r) => pick(r).p99)),
    p99worst: Math.max(...results.map((r) => pick(r).p99)),
  });
  const perRound = results.map((r) => r.subject.rps / r.baseline.rps);
  return { baseline: side((r) => r.baseline), subject: side((r) => r.subject), ratio: median(perRound), perRound };
}
