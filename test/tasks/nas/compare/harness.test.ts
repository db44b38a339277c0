import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomSearch } from '../../../../src/algorithms/random-search.ts';
import { regularizedEvolution } from '../../../../src/algorithms/regularized-evolution.ts';
import { UsageError } from '../../../../src/core/errors.ts';
import type { Algorithm, Space, Trial } from '../../../../src/core/types.ts';
import { compareOnBenchmark, contender, regretOverTime } from '../../../../src/tasks/nas/compare/harness.ts';
import { runSearch } from '../../../../src/tasks/nas/compare/run-search.ts';
import type { SearchTrajectory } from '../../../../src/tasks/nas/compare/run-search.ts';
import type { TabularBenchmark } from '../../../../src/tasks/nas/compare/tabular-benchmark.ts';

/** Integers 0..99; step ±1. Test score = value; validation = value except 50, which looks best. */
const space: Space<number> = {
  random: (rng) => rng.int(100),
  mutate: (g, rng) => Math.max(0, Math.min(99, g + (rng.chance(0.5) ? 1 : -1))),
  key: String,
  toJSON: (g) => g,
  fromJSON: (j) => j as number,
};
const table: TabularBenchmark<number> = {
  name: 'toy',
  space,
  bestTest: 99,
  query: (g) => (g % 10 === 7 ? undefined : { key: String(g), validation: g === 50 ? 1000 : g, test: g, seconds: 1 + g }),
};

/** Proposes a fixed list and records its feedback. */
function scripted(genotypes: number[]): Algorithm<number> & { seen: Trial<number>[] } {
  const seen: Trial<number>[] = [];
  return { seen, propose: () => genotypes.shift()!, feedback: (t) => void seen.push(t), snapshot: () => null };
}

test('chooses the incumbent by validation score and measures its test regret', () => {
  const trajectory = runSearch(table, scripted([10, 60, 50, 90]), 4, 1);
  assert.deepEqual([...trajectory.regret], [89, 39, 49, 49]);
  assert.deepEqual([...trajectory.seconds], [11, 72, 123, 214]);
});

test('feeds invalid proposals back as failed trials that cost no query', () => {
  const algorithm = scripted([7, 17, 20, 27, 30]);
  const trajectory = runSearch(table, algorithm, 2, 1);
  assert.equal(trajectory.invalidProposals, 3);
  assert.deepEqual([...trajectory.regret], [79, 69]);
  assert.deepEqual(algorithm.seen.map((t) => t.status), ['failed', 'failed', 'done', 'failed', 'done']);
  assert.equal(algorithm.seen[0]!.loss[0], Infinity);
  assert.deepEqual(algorithm.seen[2]!.loss, [-20]);
});

test('gives the same comparison for the same seeds, with paired differences of final regrets', () => {
  const contenders = () => [
    contender('re', table, () => regularizedEvolution({ space, populationSize: 10, tournamentSize: 3 })),
    contender('rs', table, () => randomSearch({ space })),
  ];
  const run = () => compareOnBenchmark({ benchmark: 'toy', contenders: contenders(), seeds: 8, budget: 40 });
  const first = run();
  const strip = (c: ReturnType<typeof run>) => JSON.stringify({ ...c, results: Object.fromEntries(Object.entries(c.results).map(([n, r]) => [n, r.curve])) });
  assert.equal(strip(run()), strip(first));
  assert.equal(first.results['re']!.curve.length, 40);
  const difference = first.differences.find((d) => d.first === 're' && d.second === 'rs')!;
  assert.ok(Math.abs(difference.mean - (first.results['re']!.final.mean - first.results['rs']!.final.mean)) < 1e-9);
  assert.equal(first.differences.length, 2);
});

test('rejects a comparison without algorithms, with duplicate names or without seeds', () => {
  const rs = contender('rs', table, () => randomSearch({ space }));
  assert.throws(() => compareOnBenchmark({ benchmark: 'toy', contenders: [], seeds: 1, budget: 1 }), UsageError);
  assert.throws(() => compareOnBenchmark({ benchmark: 'toy', contenders: [rs, rs], seeds: 1, budget: 1 }), /names must differ/);
  assert.throws(() => compareOnBenchmark({ benchmark: 'toy', contenders: [rs], seeds: 0, budget: 1 }), /seeds must be a whole number >= 1/);
});

test('reads each search\'s regret at log-spaced times that every search has reached', () => {
  const trajectory = (seconds: number[], regret: number[]): SearchTrajectory => ({ seconds: Float64Array.from(seconds), regret: Float64Array.from(regret), invalidProposals: 0 });
  const curve = regretOverTime([trajectory([1, 10, 100], [5, 3, 1]), trajectory([2, 20, 50], [6, 4, 2])], 3);
  // From 2 s (both searches have a first query) to 50 s (the shorter one ends): 2, 10, 50.
  assert.deepEqual(curve.map((p) => Math.round(p.at * 1e9) / 1e9), [2, 10, 50]);
  assert.deepEqual(curve.map((p) => p.mean), [5.5, 4.5, 2.5]);
});
