import { regularizedEvolution } from '../../algorithms/regularized-evolution.ts';
import { withRestarts } from '../../algorithms/restarts.ts';
import type { Algorithm, Json, Space } from '../../core/types.ts';
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
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
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
  return withRestarts(
    (snapshot) => regularizedEvolution({ space, populationSize, tournamentSize, objective, crossoverProbability, ...(snapshot === undefined ? {} : { snapshot }) }),
    { patienceTrials: config.restartPatience ?? 2000, objective, minImprovement: config.restartMinImprovement ?? 0, ...(config.snapshot === undefined ? {} : { snapshot: config.snapshot }) },
  );
}
