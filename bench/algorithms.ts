/**
 * Per-trial overhead of each algorithm (propose + feedback, no evaluation) against random
 * search on the same space, so the ratio shows what the algorithm's bookkeeping costs.
 * Run: npx tsx bench/algorithms.ts
 */
import { hillClimbing, nsga2, randomSearch, regularizedEvolution } from '../src/algorithms/index.ts';
import { Rng } from '../src/core/rng.ts';
import type { Algorithm, Space, Trial } from '../src/core/types.ts';

const TRIALS = 100_000;
const IN_FLIGHT = 8;

/** Integers in [0, 1e6); mutation adds a small step. */
const space: Space<number> = {
  random: (rng) => rng.int(1_000_000),
  mutate: (g, rng) => g + rng.intBetween(-3, 3),
  key: (g) => String(g),
  toJSON: (g) => g,
  fromJSON: (j) => j as number,
};

function trial(id: number, g: number): Trial<number> {
  const loss = [Math.abs(g - 500_000), Math.abs(g - 250_000)];
  return { id, genotype: g, key: '', hash: undefined, status: 'done', values: loss, loss, error: undefined, cached: false, finishedMs: 0, info: undefined };
}

/** Trials per second with IN_FLIGHT proposals outstanding, best of three runs. */
function rate(make: () => Algorithm<number>): number {
  let bestMs = Infinity;
  for (let run = 0; run < 3; run++) {
    const algorithm = make();
    const rng = new Rng(run);
    const pending: number[] = [];
    const start = performance.now();
    for (let id = 0; id < TRIALS; id++) {
      pending.push(algorithm.propose(rng));
      if (pending.length >= IN_FLIGHT) algorithm.feedback(trial(id, pending.shift() as number));
    }
    bestMs = Math.min(bestMs, performance.now() - start);
  }
  return (TRIALS * 1000) / bestMs;
}

const baseline = rate(() => randomSearch({ space }));
console.log(`${TRIALS} trials, ${IN_FLIGHT} in flight, best of 3; baseline random search ${(baseline / 1000).toFixed(0)}k trials/s`);
const contenders: [string, () => Algorithm<number>][] = [
  ['regularizedEvolution P=100 S=10', () => regularizedEvolution({ space, populationSize: 100, tournamentSize: 10 })],
  ['regularizedEvolution P=1000 S=50', () => regularizedEvolution({ space, populationSize: 1000, tournamentSize: 50 })],
  ['nsga2 N=100 (2 objectives)', () => nsga2({ space, populationSize: 100 })],
  ['hillClimbing', () => hillClimbing({ space })],
];
for (const [name, make] of contenders) {
  const r = rate(make);
  const overheadUs = 1e6 / r - 1e6 / baseline;
  console.log(`${name.padEnd(34)} ${(r / 1000).toFixed(0).padStart(6)}k trials/s  ${overheadUs.toFixed(2)} µs/trial over random search  ratio ${(r / baseline).toFixed(3)}x`);
}
