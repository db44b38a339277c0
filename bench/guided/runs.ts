/**
 * One search run of the guided-evolution benchmark, plain or guided, on one task: the best
 * fitness after each evaluation and the wall time at that point (the discriminator's cost
 * included, since it runs inside propose and feedback).
 */
import { guideRecipe, type GuideSettings } from '../../src/algorithms/guided-register.ts';
import type { Guided } from '../../src/algorithms/guided.ts';
import type { GuidedDiagnostics } from '../../src/algorithms/guided-diagnostics.ts';
import '../../src/algorithms/register.ts';
import { Rng } from '../../src/core/rng.ts';
import { Study } from '../../src/core/study.ts';
import { algorithms } from '../../src/core/registries.ts';
import type { Algorithm, Json, Trial } from '../../src/core/types.ts';
import type { Recipe } from '../../src/store/types.ts';
import type { Graph } from '../../src/spaces/graph/graph.ts';
import { opSet } from '../../src/spaces/graph/op-set.ts';
import { rebuildParts } from '../../src/store/stored-study.ts';
import { NB201_GUIDE_ENCODING } from '../../src/tasks/nas/guide-encodings.ts';
import { defaultNb201CsvPath } from '../../src/tasks/nas/nb201/default-data.ts';
import { NB201_CELL_COUNT } from '../../src/tasks/nas/nb201/cell.ts';
import { nasBench201Space, nb201CodeOfDna } from '../../src/tasks/nas/nb201/space.ts';
import { loadNb201Table, type Nb201Table } from '../../src/tasks/nas/nb201/table.ts';
import { nguyen, sampleProblem } from '../../src/tasks/symbolic-regression/nguyen.ts';
import { DEFAULT_SR_OPS, formulaRecipes } from '../../src/tasks/symbolic-regression/search.ts';
import { EXACT_NMSE } from '../../src/tasks/symbolic-regression/task.ts';
import { optimizerRecipes } from '../../src/tasks/optimizers/search.ts';

/** What one run leaves: fitness (smaller is better) and wall ms after each evaluation. */
export interface Run {
  readonly best: number[];
  readonly ms: number[];
  /** Guided runs only. */
  readonly diagnostics?: GuidedDiagnostics;
}

/** One run to make: a task name ('nguyen-4', 'nb201-cifar100'), a seed and the guide settings (absent: plain). */
export interface RunSpec {
  readonly task: string;
  readonly seed: number;
  readonly budget: number;
  readonly guide?: GuideSettings;
}

function diagnosticsOf(algorithm: Algorithm<unknown>): GuidedDiagnostics | undefined {
  return 'diagnostics' in algorithm ? (algorithm as Guided<unknown>).diagnostics() : undefined;
}

/** Runs a study built from `recipes` for the spec's budget; fitness after each trial is the lowest `fitness` of the trials done so far. */
async function studyRun(recipes: { task: Recipe; space: Recipe; algorithm: Recipe }, spec: RunSpec, fitness: (t: Trial<Graph>) => number): Promise<Run> {
  const parts = rebuildParts<Graph>({ name: 'bench', ...recipes, objectives: [], seed: spec.seed, budgetTrials: spec.budget, budgetSeconds: undefined } as never);
  const best: number[] = [], ms: number[] = [];
  let lowest = Infinity;
  const study = new Study<Graph>({ ...parts, seed: spec.seed, budgetTrials: spec.budget });
  study.on('trial', (t: Trial<Graph>) => {
    if (t.status === 'done') lowest = Math.min(lowest, fitness(t));
    best.push(lowest);
    ms.push(t.finishedMs);
  });
  await study.run();
  const diagnostics = diagnosticsOf(parts.algorithm as Algorithm<unknown>);
  return { best, ms, ...(diagnostics === undefined ? {} : { diagnostics }) };
}

/** A formula search on a Nguyen problem, as `amoeba sr` runs it (FEC cache and early stop off, so every trial is an evaluation). */
function nguyenRun(problem: number, spec: RunSpec): Promise<Run> {
  const data = sampleProblem(nguyen[problem - 1]!, new Rng(spec.seed));
  const options = { data, seed: spec.seed, ...(spec.guide === undefined ? {} : { guide: spec.guide }) };
  return studyRun(formulaRecipes(options, opSet(DEFAULT_SR_OPS).names), spec, (t) => Math.max(t.values[0]!, EXACT_NMSE));
}

/**
 * The optimizer search (`amoeba optimizers search`: regularized evolution from a population of
 * AdamW, P 50, S 2) on the quadratic proxy, FEC cache off so every trial is an evaluation;
 * fitness is the best validation loss, f(w_T)/f(w₀) at the best rate of the grid.
 */
function optimizerRun(spec: RunSpec): Promise<Run> {
  return studyRun(optimizerRecipes({ proxy: { kind: 'quadratic' }, ...(spec.guide === undefined ? {} : { guide: spec.guide }) }), spec, (t) => t.values[0]!);
}

let nb201: Nb201Table | undefined;

/** Regularized evolution (P 50, S 10, as `amoeba nas compare`) on NAS-Bench-201 CIFAR-100; fitness is the incumbent's test regret (incumbent by validation accuracy). */
function nb201Run(spec: RunSpec): Run {
  nb201 ??= loadNb201Table(defaultNb201CsvPath());
  const validation = nb201.column('cifar100', 'validation');
  const test = nb201.column('cifar100', 'test');
  const bestTest = nb201.best('cifar100', 'test').accuracyPercent;
  const space = nasBench201Space();
  const plain = { id: 'regularized-evolution', config: { populationSize: 50, tournamentSize: 10 } as Json };
  const recipe = spec.guide === undefined ? plain : guideRecipe(plain, NB201_GUIDE_ENCODING, spec.guide);
  const algorithm = algorithms.get(recipe.id)(space as never, recipe.config);
  const rng = new Rng(spec.seed);
  const best: number[] = [], ms: number[] = [];
  let bestValidation = -Infinity, regret = Infinity;
  const started = performance.now();
  for (let id = 0; id < spec.budget; id++) {
    const dna = algorithm.propose(rng) as ReturnType<typeof space.random>;
    const code = nb201CodeOfDna(dna);
    if (!(code >= 0 && code < NB201_CELL_COUNT)) throw new Error(`cell ${code} outside the table`);
    const v = validation[code]!;
    algorithm.feedback({ id, genotype: dna, key: space.key(dna), hash: undefined, status: 'done', values: [v], loss: [-v], error: undefined, cached: false, finishedMs: 0, info: undefined });
    if (v > bestValidation) {
      bestValidation = v;
      regret = bestTest - test[code]!;
    }
    best.push(regret);
    ms.push(performance.now() - started);
  }
  const diagnostics = diagnosticsOf(algorithm);
  return { best, ms, ...(diagnostics === undefined ? {} : { diagnostics }) };
}

/** Runs one spec. */
export async function runOne(spec: RunSpec): Promise<Run> {
  const nguyenProblem = /^nguyen-(\d+)$/.exec(spec.task);
  if (nguyenProblem !== null) return nguyenRun(Number(nguyenProblem[1]), spec);
  if (spec.task === 'nb201-cifar100') return nb201Run(spec);
  if (spec.task === 'optimizers-quadratic') return optimizerRun(spec);
  throw new Error(`unknown task '${spec.task}'; use nguyen-<n>, nb201-cifar100 or optimizers-quadratic`);
}
