import { UsageError } from '../../core/errors.ts';
import type { Json } from '../../core/types.ts';
import { rebuildParts } from '../../store/stored-study.ts';
import type { StoredGroup, StudyStore } from '../../store/types.ts';
import type { ExperimentConfig, ExperimentResult, RunExperimentsOptions } from './experiment-config.ts';
import { Judge, experimentsResult } from './experiment-outcome.ts';
import { experimentPlan } from './experiment-plan.ts';
import { runExperiments, storedOutcome } from './experiment.ts';

/** What a stored AutoML-Zero run keeps in its group: enough to continue it and to print its result. */
export interface ExperimentGroupConfig {
  /** The preset's name, for the report. */
  readonly preset: string;
  /** The experiment configuration itself (a preset with the command's changes). */
  readonly experiment: ExperimentConfig;
  readonly seed: number;
  readonly timeLimitSeconds?: number;
  readonly maxExperiments?: number;
  readonly maxIndividuals?: number;
}

/** The group config as JSON (what `createGroup` stores). */
export function experimentGroupJson(config: ExperimentGroupConfig): Json {
  return JSON.parse(JSON.stringify(config)) as Json;
}

/** Reads a group's config back; a group of another shape is a UsageError naming it. */
export function readExperimentGroup(group: StoredGroup): ExperimentGroupConfig {
  const config = group.config;
  if (config === null || typeof config !== 'object' || Array.isArray(config) || typeof config['preset'] !== 'string' || typeof config['seed'] !== 'number' || typeof config['experiment'] !== 'object') {
    throw new UsageError(`group '${group.name}' is not an automl-zero run: its config lacks preset, seed or experiment`);
  }
  return config as unknown as ExperimentGroupConfig;
}

/** Builds the first experiment's task, space and algorithm, so a bad configuration is a UsageError before anything is stored. */
export function checkExperimentConfig(config: ExperimentConfig): void {
  const plan = experimentPlan(config, 0, 1);
  rebuildParts({ name: 'check', task: plan.task, space: plan.space, algorithm: plan.algorithm, objectives: plan.objectives, seed: 0, budgetTrials: undefined, budgetSeconds: undefined });
}

/** The run options a group's config stores (its budgets and seed). */
function storedOptions(config: ExperimentGroupConfig): Pick<RunExperimentsOptions, 'seed' | 'timeLimitSeconds' | 'maxExperiments' | 'maxIndividuals'> {
  return {
    seed: config.seed,
    ...(config.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: config.timeLimitSeconds }),
    ...(config.maxExperiments === undefined ? {} : { maxExperiments: config.maxExperiments }),
    ...(config.maxIndividuals === undefined ? {} : { maxIndividuals: config.maxIndividuals }),
  };
}

/**
 * Runs or continues the stored run of a group to its budgets: the experiment in flight is
 * resumed, finished ones are read back, and new ones are started while none has passed
 * selection and the budgets allow.
 */
export function continueExperimentGroup(store: StudyStore, group: StoredGroup, options: Omit<RunExperimentsOptions, 'seed' | 'store' | 'timeLimitSeconds' | 'maxExperiments' | 'maxIndividuals'> = {}): Promise<ExperimentResult> {
  const config = readExperimentGroup(group);
  return runExperiments(config.experiment, { ...options, ...storedOptions(config), store: { store, group: group.name } });
}

/** The result of a stored run from its members alone, without running anything. */
export function experimentGroupResult(store: StudyStore, group: StoredGroup): ExperimentResult {
  const config = readExperimentGroup(group);
  const judge = new Judge(config.experiment);
  const outcomes = group.members.map((name, i) => storedOutcome(store, name, experimentPlan(config.experiment, config.seed, i + 1), judge));
  return experimentsResult(config.experiment, outcomes, judge);
}
