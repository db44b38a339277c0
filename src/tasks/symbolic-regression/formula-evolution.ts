import { regularizedEvolution } from '../../algorithms/regularized-evolution.ts';
import { withRestarts, type RestartingAlgorithm } from '../../algorithms/restarts.ts';
import { UsageError } from '../../core/errors.ts';
import type { Algorithm, Json, Space, Trial } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { EXACT_NMSE } from './task.ts';

/** The config of the `symbolic-regression-evolution` algorithm: plain JSON, so a store can keep it. */
export interface FormulaEvolutionConfig {
  readonly populationSize?: number;
  readonly tournamentSize?: number;
  /** Price of one unit of complexity, in decades of validation error (default 0.02). */
  readonly parsimony?: number;
  /** Start the population afresh after this many trials without progress (default 2,000). */
  readonly restartPatience?: number;
  /**
   * How much lower, in the ranking's decades, a fitness must be to count as progress toward
   * `restartPatience` (default 0: any improvement, so tiny constant refinements postpone a restart).
   */
  readonly restartMinImprovement?: number;
  /** Chance that a child is the subgraph crossover of two tournament winners (default 0). */
  readonly crossoverProbability?: number;
  /**
   * Stop once a trial's validation error is at most `error` (the task's exact threshold) and
   * `polishTrials` trials have passed without a simpler such formula (default: never stop).
   */
  readonly stopWhenExact?: ExactStop;
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
}

/** When a formula search stops early: exact, and nothing simpler and exact for a while. */
export interface ExactStop {
  readonly error: number;
  readonly polishTrials: number;
}

/**
 * The search `amoeba sr` runs: regularized evolution over formulas, started afresh when it
 * stalls, ranking accuracy first with a small price per unit of complexity so that equal fits
 * prefer the shorter formula.
 */
export function formulaEvolution(space: Space<Graph>, config: FormulaEvolutionConfig = {}): Algorithm<Graph> {
  const parsimony = config.parsimony ?? 0.02;
  const objective = (loss: readonly number[]) => Math.log10(Math.max(loss[0]!, EXACT_NMSE)) + parsimony * loss[1]!;
  const populationSize = config.populationSize ?? 100;
  const tournamentSize = config.tournamentSize ?? 5;
  const crossoverProbability = config.crossoverProbability ?? 0;
  const stop = config.stopWhenExact;
  const { inner, progress } = stop === undefined ? { inner: config.snapshot, progress: undefined } : splitSnapshot(config.snapshot);
  const evolution = withRestarts(
    (snapshot) => regularizedEvolution({ space, populationSize, tournamentSize, objective, crossoverProbability, ...(snapshot === undefined ? {} : { snapshot }) }),
    { patienceTrials: config.restartPatience ?? 2000, objective, minImprovement: config.restartMinImprovement ?? 0, ...(inner === undefined ? {} : { snapshot: inner }) },
  );
  return stop === undefined ? evolution : stoppingWhenExact(evolution, stop, progress);
}

/** How far a search is toward its exact stop: the simplest exact complexity, the trial that found it, the latest trial seen. */
interface ExactProgress {
  simplest: number;
  foundAt: number;
  latest: number;
}

function splitSnapshot(snapshot: Json | undefined): { inner: Json | undefined; progress: ExactProgress | undefined } {
  if (snapshot === undefined) return { inner: undefined, progress: undefined };
  const fields = snapshot as { inner?: Json; exact?: [number | null, number, number] };
  if (typeof fields !== 'object' || fields === null || !Array.isArray(fields.exact)) throw new UsageError("algorithm 'symbolic-regression-evolution': a snapshot with stopWhenExact holds { inner, exact }");
  const [simplest, foundAt, latest] = fields.exact;
  return { inner: fields.inner, progress: { simplest: simplest ?? Infinity, foundAt, latest } };
}

/**
 * `algorithm`, done once some trial fits exactly and `polishTrials` trials have gone by
 * without a simpler exact fit. The first exact formula is often a roundabout one
 * (`c·a·(√(a + a) − d/a) + e` for a^1.5); a little more search usually finds the plain form.
 * The progress is in the snapshot, so a resumed search stops where the first run would.
 */
function stoppingWhenExact(algorithm: RestartingAlgorithm<Graph>, stop: ExactStop, restored: ExactProgress | undefined): RestartingAlgorithm<Graph> {
  const progress: ExactProgress = restored ?? { simplest: Infinity, foundAt: -1, latest: -1 };
  return {
    propose: (rng) => algorithm.propose(rng),
    feedback: (trial: Trial<Graph>) => {
      progress.latest = Math.max(progress.latest, trial.id);
      if (trial.status === 'done' && trial.values[0]! <= stop.error && trial.values[1]! < progress.simplest) {
        progress.simplest = trial.values[1]!;
        progress.foundAt = trial.id;
      }
      algorithm.feedback(trial);
    },
    isDone: () => progress.foundAt >= 0 && progress.latest - progress.foundAt >= stop.polishTrials,
    snapshot: () => ({ inner: algorithm.snapshot(), exact: [Number.isFinite(progress.simplest) ? progress.simplest : null, progress.foundAt, progress.latest] }),
    restarts: () => algorithm.restarts(),
  };
}
