/**
 * The `nas compare` loop on NAS-Bench-201 (mini table, CIFAR-10): 100 seeds × 3 algorithms
 * × 300 queries, run with the harness's plain ask/tell loop and, as the baseline, through
 * core's Study with the inline executor; then as `amoeba nas compare` runs it, every search a
 * member study rebuilt from its recipes and written to a store (here a memory store), with
 * the result read back from the store. Prints the times and the ratios.
 * Run: npx tsx bench/nas-compare.ts (needs ../shared/data/nasbench201/mini-nb201-12epoch.csv)
 */
import { Study } from '../src/core/study.ts';
import type { Task } from '../src/core/types.ts';
import type { DNA } from '../src/spaces/symbolic/index.ts';
import { nb201Contenders } from '../src/tasks/nas/compare/contenders.ts';
import { compareOnBenchmark } from '../src/tasks/nas/compare/harness.ts';
import { nb201Benchmark } from '../src/tasks/nas/compare/nb201-benchmark.ts';
import { randomSearch } from '../src/algorithms/random-search.ts';
import { regularizedEvolution } from '../src/algorithms/regularized-evolution.ts';
import { reinforce } from '../src/algorithms/reinforce.ts';
import { Rng } from '../src/core/rng.ts';
import { defaultNb201CsvPath } from '../src/tasks/nas/nb201/default-data.ts';
import { loadNb201Table } from '../src/tasks/nas/nb201/table.ts';
import { comparisonJson } from '../src/tasks/nas/compare/report.ts';
import { runNasComparison } from '../src/tasks/nas/compare/run-comparison.ts';

const SEEDS = 100;
const BUDGET = 300;
const settings = { populationSize: 50, tournamentSize: 10, learningRate: 0.01 };
const benchmark = nb201Benchmark(loadNb201Table(defaultNb201CsvPath()), 'cifar10');

let start = performance.now();
const comparison = compareOnBenchmark({ benchmark: benchmark.name, contenders: nb201Contenders(['re', 'rs', 'reinforce'], benchmark, settings), seeds: SEEDS, budget: BUDGET });
const directSeconds = (performance.now() - start) / 1000;

// Baseline: the same searches through a Study, whose task looks the cell up in the table.
const rng = new Rng(0);
const task: Task<DNA> = {
  id: 'nb201-lookup',
  objectives: [{ name: 'validation-accuracy', goal: 'max' }],
  evaluate: (dna) => {
    const answer = benchmark.query(dna, rng)!;
    return { values: [answer.validation], info: { test: answer.test } };
  },
};
const space = benchmark.space;
const makers = {
  re: () => regularizedEvolution({ space, populationSize: settings.populationSize, tournamentSize: settings.tournamentSize }),
  rs: () => randomSearch({ space }),
  reinforce: () => reinforce({ space: benchmark.space as Parameters<typeof reinforce>[0]['space'], learningRate: settings.learningRate }),
};
start = performance.now();
let trials = 0;
for (const make of Object.values(makers)) {
  for (let seed = 0; seed < SEEDS; seed++) {
    const study = new Study({ space, task, algorithm: make(), seed, budgetTrials: BUDGET });
    trials += (await study.run()).trials;
  }
}
const studySeconds = (performance.now() - start) / 1000;

const queries = 3 * SEEDS * BUDGET;
console.log(`${SEEDS} seeds × 3 algorithms × ${BUDGET} queries = ${queries} queries on ${benchmark.name}`);
console.log(`Study with the inline executor (baseline): ${studySeconds.toFixed(2)} s  ${(trials / studySeconds / 1000).toFixed(0)}k trials/s`);
console.log(`harness ask/tell loop:                     ${directSeconds.toFixed(2)} s  ${(queries / directSeconds / 1000).toFixed(0)}k queries/s`);
console.log(`ratio (Study time / harness time): ${(studySeconds / directSeconds).toFixed(1)}x`);
console.log(`final mean regret: ${Object.entries(comparison.results).map(([n, r]) => `${n} ${r.final.mean.toFixed(3)}`).join(', ')}`);

start = performance.now();
const stored = await runNasComparison({ bench: 'nb201', metrics: ['cifar10'], algorithms: ['re', 'rs', 'reinforce'], seeds: SEEDS, budget: BUDGET, ...settings });
const storedSeconds = (performance.now() - start) / 1000;
console.log(`stored member studies (memory store):      ${storedSeconds.toFixed(2)} s  ratio to the harness ${(storedSeconds / directSeconds).toFixed(1)}x, same JSON as the harness: ${JSON.stringify(stored.json) === JSON.stringify(comparisonJson(comparison))}`);
