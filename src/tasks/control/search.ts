import { guidedIfAsked, type GuideSettings } from '../../algorithms/guided-register.ts';
import { Study, type StudySummary } from '../../core/study.ts';
import type { Json, Trial } from '../../core/types.ts';
import { fecCache } from '../../hashing/fec-cache.ts';
import type { RegisterProgram } from '../../spaces/register/index.ts';
import { rebuildParts, startStoredStudy } from '../../store/stored-study.ts';
import type { Recipe, StudySpec } from '../../store/types.ts';
import { HELD_OUT_FAMILIES, STATIONARY, TRAINING_FAMILY, type CataclysmFamily } from './cataclysms.ts';
import { PROBE_EPISODES, controlTask, type ControlTask, type ControlTaskConfig } from './policy-task.ts';
import { policySpaceOptions } from './policy-space.ts';
import { registerPolicy } from './register-policy.ts';
import { POLICY_SPACE_ID } from './register.ts';
import type { StoredSearchOptions } from '../../store/index.ts';

/** A policy search: the task, the evolution's settings, the budget and where it runs. */
export interface PolicySearchOptions extends StoredSearchOptions<RegisterProgram> {
  readonly task: ControlTaskConfig;
  readonly seed?: number;
  /** Trials (default 50,000 without a time limit). */
  readonly budgetTrials?: number;
  readonly budgetSeconds?: number;
  /** Regularized evolution's population and tournament (default 100 and 10). */
  readonly populationSize?: number;
  readonly tournamentSize?: number;
  /** Answer functionally equivalent policies from the FEC cache (default true). */
  readonly functionalCache?: boolean;
  /**
   * Stop once this many episodes have run: each trial's probe episodes (its fingerprint, run
   * whether or not the cache answers) and, unless the cache answered, its search episodes.
   * Not stored: a resumed study runs to its trial budget.
   */
  readonly budgetEpisodes?: number;
  /** Stop once a policy lasts every episode (default true; not stored, so a resume runs to its budget). */
  readonly stopWhenPerfect?: boolean;
  /** Guided evolution: a discriminator over the policies' data-flow graphs accepts or retries each mutation (default: plain). */
  readonly guide?: GuideSettings;
}

/** The recipes of a policy search: the control task, the register space and regularized evolution. */
export function policyRecipes(options: PolicySearchOptions, task: ControlTask): { task: Recipe; space: Recipe; algorithm: Recipe } {
  const populationSize = options.populationSize ?? 100;
  const evolution = { id: 'regularized-evolution', config: { populationSize, tournamentSize: options.tournamentSize ?? Math.min(10, populationSize) } };
  return {
    task: { id: 'control', config: task.config },
    space: { id: POLICY_SPACE_ID, config: policySpaceOptions() as unknown as Json },
    algorithm: guidedIfAsked(evolution, { kind: 'register' }, options.guide),
  };
}

/**
 * Evolves register-machine policies by regularized evolution, as a stored study when given a
 * store; its task, space and algorithm are recipes, so threads, queue workers and `amoeba
 * resume` rebuild the same search.
 */
export async function searchPolicies(options: PolicySearchOptions): Promise<{ study: Study<RegisterProgram>; task: ControlTask; summary: StudySummary }> {
  const seed = options.seed ?? 0;
  // Built once to fill the config's defaults, so the stored recipe names every option.
  const configured = controlTask(options.task);
  const recipes = policyRecipes(options, configured);
  const budgetTrials = options.budgetTrials ?? (options.budgetSeconds === undefined ? 50_000 : undefined);
  const spec: StudySpec = {
    name: options.store?.name ?? 'control',
    ...recipes,
    objectives: configured.objectives,
    seed,
    budgetTrials,
    budgetSeconds: options.budgetSeconds,
  };
  const parts = rebuildParts<RegisterProgram>(spec);
  const task = parts.task as ControlTask;
  const maxSteps = task.options.maxSteps;
  const cached = options.functionalCache !== false;
  const perfect = options.stopWhenPerfect !== false;
  let episodes = 0;
  const stopWhen = (t: Trial<RegisterProgram>): boolean => {
    episodes += (cached && task.fingerprint !== undefined ? PROBE_EPISODES : 0) + (t.cached ? 0 : task.episodes.length);
    return (perfect && t.status === 'done' && t.values[0] === maxSteps) || (options.budgetEpisodes !== undefined && episodes >= options.budgetEpisodes);
  };
  const extras = {
    ...(cached ? { cache: fecCache({ seed }) } : {}),
    ...(perfect || options.budgetEpisodes !== undefined ? { stopWhen } : {}),
    ...(options.executor === undefined ? {} : { executor: options.executor(recipes) }),
    ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const study =
    options.store === undefined
      ? new Study<RegisterProgram>({ ...parts, seed, ...(budgetTrials === undefined ? {} : { budgetTrials }), ...(options.budgetSeconds === undefined ? {} : { budgetSeconds: options.budgetSeconds }), ...extras })
      : startStoredStudy<RegisterProgram>(options.store.store, spec, extras, parts);
  options.onStudy?.(study);
  const summary = await study.run();
  return { study, task, summary };
}

/** One row of a policy's report: a family, its mean return and survival rate over the test episodes. */
export interface FamilyScore {
  readonly family: string;
  readonly meanReturn: number;
  readonly survival: number;
  readonly episodes: number;
}

/** Seed of the test episodes: other than any search's (those use the task's seed, 0 by default). */
export const TEST_SEED = 1_000_003;

/**
 * A policy's mean return and survival on the stationary cart-pole, the training family and
 * every held-out family, `episodes` each from `TEST_SEED`, with the task's action mode.
 */
export function familyScores(program: RegisterProgram, task: ControlTask, episodes = 50, families: readonly CataclysmFamily[] = [STATIONARY, TRAINING_FAMILY, ...HELD_OUT_FAMILIES]): FamilyScore[] {
  const policy = registerPolicy(program);
  return families.map((family) => {
    const score = task.score(policy, family, TEST_SEED, episodes);
    return { family: family.name, meanReturn: score.meanReturn, survival: score.survival, episodes };
  });
}
