import { fecCache } from '../../hashing/fec-cache.ts';
import { Rng } from '../../core/rng.ts';
import { Study, type StudySummary } from '../../core/study.ts';
import type { Json, Space, Trial } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { rebuildParts, startStoredStudy } from '../../store/stored-study.ts';
import type { Recipe, StudySpec } from '../../store/types.ts';
import { LOSS_MAX_VERTICES } from './loss-space.ts';
import { trainableLossSpace } from './trainable-space.ts';
import './register.ts';
import { SAC_GRAPH } from './sac-graph.ts';
import { RL_LOSS_OBJECTIVES, rlLossConfig, type RlLossTaskConfig } from './task.ts';
import type { StoredSearchOptions } from '../../store/index.ts';
import { guidedIfAsked, type GuideSettings } from '../../algorithms/guided-register.ts';

/** An rl-loss search: the task, the NSGA-II population and the budget. */
export interface RlLossSearchOptions extends StoredSearchOptions<Graph> {
  readonly task?: Partial<RlLossTaskConfig>;
  readonly seed?: number;
  /** NSGA-II's population (default 8): SAC and mutants of it start the search. */
  readonly populationSize?: number;
  /** Trials to run (default 4 generations of the population). */
  readonly budgetTrials?: number;
  readonly budgetSeconds?: number;
  readonly maxVertices?: number;
  /** Variation attempts per proposal until the child can train (default 20; 1 keeps the plain graph space's mutants). */
  readonly maxTries?: number;
  /**
   * Guided evolution: a learned discriminator accepts or retries each mutation (default:
   * plain). It compares losses by one objective, the first (performance) unless its
   * `objective` setting names another.
   */
  readonly guide?: GuideSettings;
}

/** The search's result: the final front, SAC's own trial (the first), and the study's counters. */
export interface RlLossSearchResult {
  readonly front: readonly Trial<Graph>[];
  readonly sac: Trial<Graph> | undefined;
  readonly summary: StudySummary;
  readonly seed: number;
}

/**
 * The first generation: SAC itself, then distinct mutants of it (one to three mutations
 * each, through `space`), so the search starts where MetaPG's does, from SAC, with some
 * variety. Drawn from `seed`.
 */
export function initialPopulation(space: Space<Graph>, size: number, seed: number): Graph[] {
  const rng = new Rng(seed ^ 0x5ac);
  const sac = space.fromJSON(SAC_GRAPH);
  const population = [sac];
  const keys = new Set([space.key(sac)]);
  for (let attempt = 0; population.length < size && attempt < 50 * size; attempt++) {
    let child = sac;
    const mutations = 1 + rng.int(3);
    for (let m = 0; m < mutations; m++) child = space.mutate(child, rng);
    if (!keys.has(space.key(child))) {
      keys.add(space.key(child));
      population.push(child);
    }
  }
  return population;
}

/** The task, space and algorithm of a loss search as registry recipes (plain JSON throughout). */
export function rlLossRecipes(options: RlLossSearchOptions): { task: Recipe; space: Recipe; algorithm: Recipe } {
  const populationSize = options.populationSize ?? 8;
  const maxVertices = options.maxVertices ?? LOSS_MAX_VERTICES;
  const spaceConfig = { maxVertices, maxTries: options.maxTries ?? 20 };
  const space = trainableLossSpace(spaceConfig);
  const initial = initialPopulation(space, populationSize, options.seed ?? 0).map((g) => space.toJSON(g));
  const evolution = { id: 'nsga2', config: { populationSize, initial } };
  return {
    task: { id: 'rl-loss', config: rlLossConfig((options.task ?? {}) as Json) as unknown as Json },
    space: { id: 'rl-loss-graph', config: spaceConfig },
    algorithm: guidedIfAsked(evolution, { kind: 'graph' }, options.guide),
  };
}

/**
 * Runs NSGA-II over loss graphs from SAC and its mutants, on the three rl-loss objectives,
 * with a functional-equivalence cache keyed by the losses' values and gradients on a probe
 * batch. Stored, when given a store, so `amoeba resume` continues it after a kill.
 */
export async function searchLosses(options: RlLossSearchOptions = {}): Promise<RlLossSearchResult> {
  const seed = options.seed ?? 0;
  const recipes = rlLossRecipes(options);
  const populationSize = options.populationSize ?? 8;
  const budgetTrials = options.budgetTrials ?? (options.budgetSeconds === undefined ? 4 * populationSize : undefined);
  const spec: StudySpec = {
    name: options.store?.name ?? 'rl-loss',
    ...recipes,
    objectives: RL_LOSS_OBJECTIVES,
    seed,
    budgetTrials,
    budgetSeconds: options.budgetSeconds,
    cache: { seed },
  };
  const extras = {
    ...(options.executor === undefined ? {} : { executor: options.executor(recipes) }),
    ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    snapshotEveryTrials: 1,
  };
  const parts = rebuildParts<Graph>(spec);
  const sacKey = parts.space.key(parts.space.fromJSON(SAC_GRAPH));
  const study = options.store === undefined
    ? new Study<Graph>({ ...parts, seed, ...(budgetTrials === undefined ? {} : { budgetTrials }), ...(options.budgetSeconds === undefined ? {} : { budgetSeconds: options.budgetSeconds }), ...extras, cache: fecCache({ seed }) })
    : startStoredStudy<Graph>(options.store.store, spec, extras, parts);
  let sac: Trial<Graph> | undefined;
  study.on('trial', (trial) => {
    if (sac === undefined && trial.key === sacKey) sac = trial;
  });
  options.onStudy?.(study);
  const summary = await study.run();
  return { front: study.front(), sac, summary, seed };
}
