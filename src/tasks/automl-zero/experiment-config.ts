import type { GuideSettings } from '../../algorithms/guided-register.ts';
import type { MemoryShape, RegisterProgram, RegisterSpaceOptions } from '../../spaces/register/index.ts';
import type { Executor } from '../../core/plugs.ts';
import type { Recipe, StudyStore } from '../../store/types.ts';
import type { FecExamples } from './automl-zero-task.ts';
import type { TaskSuiteSpec } from './task-suite.ts';

/** Everything an AutoML-Zero search needs, as plain data (a preset is one of these). */
export interface ExperimentConfig {
  readonly memory: MemoryShape;
  /** The search space, less its memory. */
  readonly space: Omit<RegisterSpaceOptions, 'memory'>;
  /** T_search: redrawn with a fresh seed for every experiment. */
  readonly searchTasks: Omit<TaskSuiteSpec, 'seed'>;
  /** T_select: fresh tasks on which each experiment's candidate is judged. */
  readonly selectTasks: Omit<TaskSuiteSpec, 'seed'>;
  /** Unseen tasks for the final report, with their own fixed seed. */
  readonly finalTasks: TaskSuiteSpec;
  /** Validate the final evaluation on the final tasks' test split. Default false. */
  readonly finalOnTest?: boolean;
  readonly populationSize: number;
  readonly tournamentSize: number;
  /** Training steps after the initial population that end an experiment (checked each generation). */
  readonly experimentTrainSteps: number;
  /**
   * Stop once a candidate's select fitness exceeds this. Candidates whose search fitness
   * exceeds it are judged at the next generation boundary, without waiting for the budget.
   */
  readonly sufficientFitness: number;
  /** Examples per task for the fingerprint, or false to search without FEC. */
  readonly fec: FecExamples | false;
  readonly maxAbsError?: number;
  /** Tier-up threshold of the program engine. */
  readonly compileAfter?: number;
  /** Guided evolution: a discriminator over the programs' data-flow graphs accepts or retries each mutation (default: plain). */
  readonly guide?: GuideSettings;
}

/** A progress report, sent at most about once a second. */
export interface ExperimentProgress {
  readonly experiment: number;
  readonly individuals: number;
  readonly seconds: number;
  readonly individualsPerSecond: number;
  /** Best search fitness in the current experiment. */
  readonly bestFitness: number;
  /** Best select fitness of any finished experiment (-1 before the first). */
  readonly bestSelectFitness: number;
  readonly fecHitRate: number;
}

/** Options of `runExperiments`. */
export interface RunExperimentsOptions {
  readonly seed: number;
  /** Wall-clock limit for the search (the final evaluation is not counted). */
  readonly timeLimitSeconds?: number;
  /** Stop after this many experiments. Default: no limit. */
  readonly maxExperiments?: number;
  /** Stop after this many individuals (evaluated programs, cache hits included). Default: no limit. */
  readonly maxIndividuals?: number;
  /** Called about once a second, the first time after the first 256 individuals. */
  readonly onProgress?: (progress: ExperimentProgress) => void;
  /** Aborting ends the search after the current evaluation; the best candidate so far is reported. */
  readonly signal?: AbortSignal;
  /**
   * Store every experiment as a member `e1`, `e2`, … of this group (which must exist), so the
   * run can be resumed: members already stored are continued or read back, not run again.
   */
  readonly store?: { readonly store: StudyStore; readonly group: string };
  /** Where each experiment's evaluations run, built from its recipes; inline by default. */
  readonly executor?: (recipes: { readonly task: Recipe; readonly space: Recipe }, study: string) => Executor<RegisterProgram> | undefined | Promise<Executor<RegisterProgram> | undefined>;
  /** Synchronous batches of this many trials (see `StudyOptions.syncBatch`). */
  readonly syncBatch?: number;
}

/** What a run of experiments found. */
export interface ExperimentResult {
  /** True when a candidate's select fitness exceeded the sufficient fitness. */
  readonly solved: boolean;
  /** Fitness of the selected algorithm on the final (unseen) tasks. */
  readonly fitness: number;
  readonly selectFitness: number;
  /** Search fitness of the last experiment's candidate. */
  readonly searchFitness: number;
  readonly individuals: number;
  readonly individualsPerSecond: number;
  /** Wall time of the search, final evaluation excluded. */
  readonly seconds: number;
  /** Wall time until a candidate passed selection, when one did. */
  readonly secondsToSolve: number | undefined;
  readonly experiments: number;
  readonly trainSteps: number;
  readonly fecHits: number;
  readonly fecMisses: number;
  readonly program: RegisterProgram;
}
