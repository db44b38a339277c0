/**
 * The functional-equivalence cache in a symbolic-regression run (Nguyen-6 data, fixed seed, no
 * early stop): the hit rate, then the cost of one cache lookup (fingerprint + hash) against one
 * full evaluation (constant fitting), both timed over the same recorded candidates, and the
 * speed-up they imply: 1 / (1 − hits + lookup/evaluation).
 * Run: npx tsx bench/fec-hit-rate.ts [--budget 20000]
 */
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { functionalHash } from '../src/hashing/functional-hash.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { opSet } from '../src/spaces/graph/op-set.ts';
import { splitRows } from '../src/tasks/symbolic-regression/dataset.ts';
import { nguyen, sampleProblem } from '../src/tasks/symbolic-regression/nguyen.ts';
import { DEFAULT_SR_OPS, searchFormulas } from '../src/tasks/symbolic-regression/search.ts';
import { symbolicRegressionTask } from '../src/tasks/symbolic-regression/task.ts';

const { values } = parseArgs({ options: { budget: { type: 'string', default: '20000' } } });
const budgetTrials = Number(values.budget);
const problem = nguyen[5]!;
const data = sampleProblem(problem, new Rng(1));
const candidates: Graph[] = [];
const result = await searchFormulas({
  data,
  seed: 1,
  budgetTrials,
  stopWhenExact: false,
  onStudy: (study) => void study.on('trial', (t) => void (candidates.length < 5000 && candidates.push(t.genotype))),
});
const cache = result.summary.cache!;

const { train, validation } = splitRows(data, 0.25, new Rng(7));
const task = symbolicRegressionTask({ train, validation, ops: opSet(DEFAULT_SR_OPS) });
const time = (work: (g: Graph) => unknown): number => {
  for (const g of candidates.slice(0, 500)) work(g); // warm-up
  const start = performance.now();
  for (const g of candidates) work(g);
  return (performance.now() - start) / candidates.length;
};
const lookupMs = time((g) => functionalHash(task.fingerprint!(g)));
const evaluateMs = time((g) => task.evaluate(g, { trialId: 0, seed: 0 }));
console.log(`symbolic regression on ${problem.name} (${problem.formula}), ${budgetTrials} trials, seed 1`);
console.log(`  FEC hit rate: ${(100 * cache.hitRate).toFixed(1)}% (${cache.hits} hits, ${cache.misses} misses)`);
console.log(`  per candidate: lookup ${(1000 * lookupMs).toFixed(1)} µs, full evaluation ${(1000 * evaluateMs).toFixed(1)} µs (ratio ${(evaluateMs / lookupMs).toFixed(0)}×)`);
console.log(`  implied speed-up of the evaluation stage: ${(1 / (1 - cache.hitRate + lookupMs / evaluateMs)).toFixed(2)}×`);
