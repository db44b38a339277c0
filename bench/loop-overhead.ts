/**
 * Search-loop overhead: regularized evolution on DAG programs with a trivial task, run by a
 * Study (inline), against a bare loop doing the same algorithm work (propose, key, feedback)
 * without the Study. Prints trials/s for both and the ratio. Run: npx tsx bench/loop-overhead.ts
 */
import { regularizedEvolution } from '../src/algorithms/regularized-evolution.ts';
import { Rng } from '../src/core/rng.ts';
import { Study } from '../src/core/study.ts';
import type { Task, Trial } from '../src/core/types.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { graphSpace } from '../src/spaces/graph/space.ts';

const TRIALS = 100_000;
const space = graphSpace({ inputs: 2, ops: ['add', 'sub', 'mul', 'pdiv'], maxVertices: 16 });
const task: Task<Graph> = { id: 'size', objectives: [{ name: 'size', goal: 'min' }], evaluate: (g) => ({ values: [Math.abs(g.vertices.length - 8)] }) };
const newAlgorithm = () => regularizedEvolution({ space, populationSize: 100, tournamentSize: 10 });

async function viaStudy(): Promise<number> {
  const start = performance.now();
  await new Study({ space, task, algorithm: newAlgorithm(), seed: 1, budgetTrials: TRIALS }).run();
  return (TRIALS * 1000) / (performance.now() - start);
}

function bare(): number {
  const algorithm = newAlgorithm();
  const rng = new Rng(1);
  const start = performance.now();
  for (let id = 0; id < TRIALS; id++) {
    const genotype = algorithm.propose(rng);
    const key = space.key(genotype);
    const values = [Math.abs(genotype.vertices.length - 8)];
    const trial: Trial<Graph> = { id, genotype, key, hash: undefined, status: 'done', values, loss: values, error: undefined, cached: false, finishedMs: 0, info: undefined };
    algorithm.feedback(trial);
  }
  return (TRIALS * 1000) / (performance.now() - start);
}

const studyRates: number[] = [];
const bareRates: number[] = [];
for (let round = 0; round < 5; round++) {
  bareRates.push(bare());
  studyRates.push(await viaStudy());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const study = median(studyRates);
const baseline = median(bareRates);
console.log(`regularized evolution on DAGs, trivial task, ${TRIALS} trials, median of 5 interleaved rounds`);
console.log(`  Study (inline): ${Math.round(study).toLocaleString('en')} trials/s  (aim >= 100,000)`);
console.log(`  bare loop:      ${Math.round(baseline).toLocaleString('en')} trials/s`);
console.log(`  ratio Study/bare: ${(study / baseline).toFixed(2)}  (Study overhead ${(1e6 / study - 1e6 / baseline).toFixed(2)} µs/trial)`);
