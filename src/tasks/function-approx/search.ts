import { UsageError } from '../../core/errors.ts';
import { Study, type StudySummary } from '../../core/study.ts';
import type { Space, Trial } from '../../core/types.ts';
import { nsga2 } from '../../algorithms/nsga2.ts';
import { retryUntilChanged } from '../../algorithms/retry-until-changed.ts';
import { withConstants } from '../../spaces/graph/constants.ts';
import { opCount } from '../../spaces/graph/cost.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { opSet, type OpSet } from '../../spaces/graph/op-set.ts';
import { graphSpace } from '../../spaces/graph/space.ts';
import { classicBaselines, type Baseline } from './baselines.ts';
import { checkMode, type ApproxMode } from './measure.ts';
import { toFunctionExpression } from './export.ts';
import { checkInterval, type Interval, type Target } from './targets.ts';
import { functionApproxTask } from './task.ts';

/** An AutoNumerics-Zero run: what to approximate, in which mode, with which ops and budget. */
export interface ApproxSearchOptions {
  readonly target: Target;
  readonly interval?: Interval;
  readonly mode?: ApproxMode;
  /** Allow the fma op (default: in float32 mode). */
  readonly fma?: boolean;
  /** Allow the sqrt op (default false). */
  readonly sqrt?: boolean;
  readonly seed?: number;
  /** Trials to run (default 2000). */
  readonly budgetTrials?: number;
  readonly budgetSeconds?: number;
  /** Most vertices (ops and constants) per program (default 24). */
  readonly maxVertices?: number;
  readonly populationSize?: number;
  /** Largest op count reported and searched for (default 16). */
  readonly maxOps?: number;
  /** Start the population from the classic baselines (default true). */
  readonly seedWithBaselines?: boolean;
  readonly trainPoints?: number;
  readonly validationPoints?: number;
  /** Called with the study before it runs (to show progress, say). */
  readonly onStudy?: (study: Study<Graph>) => void;
  /** Aborting stops the search after the evaluations in flight; the front so far is returned. */
  readonly signal?: AbortSignal;
}

/** One program of the result: the best found at its op count. */
export interface ApproxProgram {
  readonly ops: number;
  /** The objective: max relative error (real) or max float32 ULPs (float32). */
  readonly maxError: number;
  readonly maxRelError: number;
  readonly maxUlp?: number;
  /** A JavaScript function expression `(x) => { … }` that evaluates the program. */
  readonly js: string;
  /** The program with its fitted constants. */
  readonly program: Graph;
}

/** The searched front, the baselines on the same grid, and the run's summary. */
export interface ApproxSearchResult {
  /** Non-dominated programs (ops against error), fewest ops first. */
  readonly front: readonly ApproxProgram[];
  /** The best program found at each op count (index = ops), possibly dominated. */
  readonly bestByOps: readonly (ApproxProgram | undefined)[];
  readonly baselines: readonly Baseline[];
  readonly summary: StudySummary;
  readonly seed: number;
  readonly mode: ApproxMode;
  readonly interval: Interval;
  /** The ops the programs use. */
  readonly ops: OpSet;
}

/** Runs NSGA-II over DAG programs with CMA-ES-fitted constants and returns the front beside the baselines. */
export async function searchApproximations(options: ApproxSearchOptions): Promise<ApproxSearchResult> {
  const { target } = options;
  const interval = checkInterval(options.interval ?? target.defaultInterval);
  const mode = checkMode(options.mode ?? 'real');
  const seed = options.seed ?? 0;
  const maxOps = options.maxOps ?? 16;
  if (!Number.isInteger(maxOps) || maxOps < 1) throw new UsageError(`maxOps must be a whole number >= 1, got ${maxOps}`);
  const names = ['add', 'sub', 'mul', 'div'];
  if (options.fma ?? mode === 'float32') names.push('fma');
  if (options.sqrt === true) names.push('sqrt');
  const ops = opSet(names);
  const task = functionApproxTask({
    target,
    interval,
    mode,
    ops,
    ...(options.trainPoints === undefined ? {} : { trainPoints: options.trainPoints }),
    ...(options.validationPoints === undefined ? {} : { validationPoints: options.validationPoints }),
    config: { target: target.name, interval: [...interval], mode, ops: names },
  });
  const baselines = classicBaselines({ target, interval, grid: task.validation, maxOps, fma: names.includes('fma') });
  const maxVertices = options.maxVertices ?? 24;
  // Constants are fitted, so perturbing them is wasted; mutations change structure only.
  const graphs = graphSpace({ inputs: 1, ops, maxVertices, mutationWeights: { perturbConstant: 0 } });
  // Children start from the parent's fitted constants (Lamarckian), and a child counts as
  // changed only when its shape changed: retryUntilChanged compares these keys.
  const lamarckian: Space<Graph> = {
    random: (rng) => graphs.random(rng),
    mutate: (g, rng) => graphs.mutate(task.fitted(g), rng),
    key: (g) => graphs.shapeKey(g),
    toJSON: (g) => graphs.toJSON(g),
    fromJSON: (json) => graphs.fromJSON(json),
  };
  const space = retryUntilChanged(lamarckian, { maxTries: 20 });
  const initial = options.seedWithBaselines === false ? [] : seedPrograms(baselines, ops, maxVertices);
  const populationSize = Math.max(options.populationSize ?? 64, initial.length);
  const algorithm = nsga2({ space, populationSize, initial, crossoverProbability: 0 });
  const budgetTrials = options.budgetTrials ?? (options.budgetSeconds === undefined ? 2000 : undefined);
  const study = new Study<Graph>({
    space,
    task,
    algorithm,
    seed,
    ...(budgetTrials === undefined ? {} : { budgetTrials }),
    ...(options.budgetSeconds === undefined ? {} : { budgetSeconds: options.budgetSeconds }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const best: (Trial<Graph> | undefined)[] = new Array(maxOps + 1).fill(undefined);
  study.on('trial', (trial) => {
    if (trial.status !== 'done') return;
    const count = trial.values[1]!;
    if (count <= maxOps && (best[count] === undefined || trial.values[0]! < best[count]!.values[0]!)) best[count] = trial;
  });
  options.onStudy?.(study);
  const summary = await study.run();
  const toProgram = (trial: Trial<Graph>): ApproxProgram => {
    const program = withConstants(trial.genotype, trial.info?.constants as number[]);
    const maxError = trial.values[0]!;
    return {
      ops: opCount(program),
      maxError,
      maxRelError: trial.info?.maxRelError as number,
      ...(mode === 'float32' ? { maxUlp: maxError } : {}),
      js: toFunctionExpression(program, { ops, float32: mode === 'float32' }),
      program,
    };
  };
  const bestByOps = best.map((t) => (t === undefined ? undefined : toProgram(t)));
  const front: ApproxProgram[] = [];
  for (const p of bestByOps) if (p !== undefined && (front.length === 0 || p.maxError < front[front.length - 1]!.maxError)) front.push(p);
  return { front, bestByOps, baselines, summary, seed, mode, interval, ops };
}

/** The baselines that fit the space (ops and vertex limit), as starting programs. */
function seedPrograms(baselines: readonly Baseline[], ops: OpSet, maxVertices: number): Graph[] {
  const seen = new Set<string>();
  const seeds: Graph[] = [];
  for (const b of baselines) {
    if (b.program.vertices.length > maxVertices) continue;
    if (!b.program.vertices.every((v) => !('op' in v) || ops.find(v.op) !== undefined)) continue;
    const key = JSON.stringify(b.program);
    if (seen.has(key)) continue;
    seen.add(key);
    seeds.push(b.program);
  }
  return seeds;
}
