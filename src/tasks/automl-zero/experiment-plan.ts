import { mixSeed } from '../../core/rng.ts';
import type { Objective } from '../../core/types.ts';
import type { FecCacheOptions } from '../../hashing/fec-cache.ts';
import type { Recipe } from '../../store/types.ts';
import { guidedIfAsked } from '../../algorithms/guided-register.ts';
import { registerSpaceConfig } from '../../spaces/register/register.ts';
import type { TaskSuiteSpec } from './task-suite.ts';
import type { ExperimentConfig } from './experiment-config.ts';

/** One experiment of a run, as recipes: what a store keeps and a worker rebuilds. */
export interface ExperimentPlan {
  /** 1 for the first experiment of the run. */
  readonly index: number;
  readonly task: Recipe;
  readonly space: Recipe;
  readonly algorithm: Recipe;
  readonly objectives: readonly Objective[];
  /** The study's seed. */
  readonly seed: number;
  /** The FEC cache's options, or undefined without FEC. */
  readonly cache: FecCacheOptions | undefined;
  /** T_select, and the seed of the random ops while judging on it. */
  readonly selectTasks: TaskSuiteSpec;
  readonly selectEvalSeed: number;
}

/** As the reference's evaluator: 100,000 entries, hashed on every bit of the errors. */
export const EXPERIMENT_CACHE: FecCacheOptions = { capacity: 100_000, mantissaBits: 52 };

/**
 * Experiment `index` of the run with seed `seed`: fresh search and select tasks, a study seed
 * and a select seed, each drawn from (run seed, index) alone, so that any experiment can be
 * rebuilt, resumed or run elsewhere without the ones before it.
 */
export function experimentPlan(config: ExperimentConfig, seed: number, index: number): ExperimentPlan {
  const own = mixSeed(seed, index);
  const draw = (k: number): number => mixSeed(own, k) >>> 0;
  const selectTasks: TaskSuiteSpec = { ...config.selectTasks, seed: draw(2) };
  const selectEvalSeed = draw(3);
  const task = {
    tasks: { ...config.searchTasks, seed: draw(1) },
    memory: config.memory,
    fec: config.fec,
    select: { tasks: selectTasks, above: config.sufficientFitness, evalSeed: selectEvalSeed },
    ...(config.maxAbsError === undefined ? {} : { maxAbsError: config.maxAbsError }),
    ...(config.compileAfter === undefined ? {} : { compileAfter: config.compileAfter }),
  };
  const algorithm = {
    populationSize: config.populationSize,
    tournamentSize: config.tournamentSize,
    withReplacement: true,
    experimentTrainSteps: config.experimentTrainSteps,
    sufficientFitness: config.sufficientFitness,
  };
  const evolution = { id: 'automl-zero-evolution', config: algorithm };
  return {
    index,
    task: { id: 'automl-zero', config: JSON.parse(JSON.stringify(task)) },
    space: { id: 'register', config: registerSpaceConfig({ ...config.space, memory: config.memory }) },
    algorithm: guidedIfAsked(evolution, { kind: 'register' }, config.guide),
    objectives: [{ name: 'fitness', goal: 'max' }],
    seed: draw(4),
    cache: config.fec === false ? undefined : EXPERIMENT_CACHE,
    selectTasks,
    selectEvalSeed,
  };
}
