import { Study, type StudySummary } from '../../core/study.ts';
import type { Json, Trial } from '../../core/types.ts';
import { fecCache } from '../../hashing/fec-cache.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { rebuildParts, resumeStoredStudy, startStoredStudy } from '../../store/stored-study.ts';
import type { Recipe, StudySpec } from '../../store/types.ts';
import type { ProxyConfig } from './proxies.ts';
import '../../algorithms/register.ts';
import './register.ts';
import { deadStatementCount, statementCount } from './space.ts';
import { OPTIMIZER_OBJECTIVES, type OptimizerTask } from './task.ts';
import type { StoredSearchOptions } from '../../store/index.ts';
import { guidedIfAsked, type GuideSettings } from '../../algorithms/guided-register.ts';
import { unguided } from '../../algorithms/guided.ts';

/** An optimizer search: the proxy, the population and the budget. */
export interface OptimizerSearchOptions extends StoredSearchOptions<Graph> {
  readonly proxy?: ProxyConfig;
  readonly lrGrid?: readonly number[];
  readonly seed?: number;
  /** Trials to run (default 1,000 without a time limit). */
  readonly budgetTrials?: number;
  readonly budgetSeconds?: number;
  /** Population of regularized evolution (default 50; the paper's is 1,000). */
  readonly populationSize?: number;
  /** Tournament size (default 2, the paper's). */
  readonly tournamentSize?: number;
  /** Most statements per program (default 30). */
  readonly maxStatements?: number;
  /** The program every member of the first population is: a reference program's name or a program (default 'adamw'). */
  readonly start?: string | Graph;
  /**
   * Start the population afresh from `start` after this many finished trials without a better
   * one (the registered `restarts` algorithm around regularized evolution); default never.
   */
  readonly restartPatience?: number;
  /** Fail a candidate whose trainings take longer than this (default 60,000 ms). */
  readonly timeLimitMs?: number;
  /** Answer functionally equivalent candidates from the FEC cache (default true). */
  readonly functionalCache?: boolean;
  /** Guided evolution: a learned discriminator accepts or retries each mutation (default: plain). */
  readonly guide?: GuideSettings;
}

/** What a search found. */
export interface OptimizerSearchResult {
  readonly study: Study<Graph>;
  readonly task: OptimizerTask;
  readonly summary: StudySummary;
  /** The trial with the lowest validation loss. */
  readonly best: Trial<Graph> | undefined;
  /** The start program's score (its first trial). */
  readonly startLoss: number | undefined;
  /** Mean share of dead statements over the trials this run proposed. */
  readonly deadStatementRate: number;
  /** Times the population started afresh (with `restartPatience`; undefined for a resumed study). */
  readonly restarts: number | undefined;
}

/** The task, space and algorithm of an optimizer search as registry recipes. */
export function optimizerRecipes(options: OptimizerSearchOptions): { task: Recipe; space: Recipe; algorithm: Recipe } {
  const taskConfig: { [key: string]: Json } = { proxy: { ...(options.proxy ?? { kind: 'mnist-mlp' }) } as Json };
  if (options.lrGrid !== undefined) taskConfig['lrGrid'] = [...options.lrGrid];
  if (options.timeLimitMs !== undefined) taskConfig['timeLimitMs'] = options.timeLimitMs;
  const start = options.start ?? 'adamw';
  const evolution: Recipe = {
    id: 'regularized-evolution',
    config: { populationSize: options.populationSize ?? 50, tournamentSize: options.tournamentSize ?? 2, retryUntilChanged: 20 },
  };
  return {
    task: { id: 'optimizers', config: taskConfig },
    // randomMutations 0: every proposal before the population is full is the start program itself.
    space: { id: 'optimizer-programs', config: { maxStatements: options.maxStatements ?? 30, start: typeof start === 'string' ? start : (start as unknown as Json), randomMutations: 0 } },
    algorithm: guidedIfAsked(options.restartPatience === undefined ? evolution : { id: 'restarts', config: { algorithm: evolution as unknown as Json, patienceTrials: options.restartPatience } }, { kind: 'graph' }, options.guide),
  };
}

/**
 * Regularized evolution over optimizer programs from a population of AdamW (Chen et al.
 * 2023, scaled down): the recipes are registered, so worker threads, queue workers and
 * `amoeba resume` rebuild the same search.
 */
export async function searchOptimizers(options: OptimizerSearchOptions = {}): Promise<OptimizerSearchResult> {
  const seed = options.seed ?? 0;
  const recipes = optimizerRecipes(options);
  const budgetTrials = options.budgetTrials ?? (options.budgetSeconds === undefined ? 1000 : undefined);
  const cacheOptions: Json | undefined = options.functionalCache === false ? undefined : { seed };
  const spec: StudySpec = {
    name: options.store?.name ?? 'optimizers',
    ...recipes,
    objectives: OPTIMIZER_OBJECTIVES,
    seed,
    budgetTrials,
    budgetSeconds: options.budgetSeconds,
    ...(cacheOptions === undefined ? {} : { cache: cacheOptions }),
  };
  const extras = {
    ...(options.executor === undefined ? {} : { executor: options.executor(recipes) }),
    ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const parts = rebuildParts<Graph>(spec);
  const startedFresh = options.store === undefined || options.store.store.study(options.store.name) === undefined;
  const study =
    options.store === undefined
      ? new Study<Graph>({
          ...parts, seed, ...extras,
          ...(budgetTrials === undefined ? {} : { budgetTrials }),
          ...(options.budgetSeconds === undefined ? {} : { budgetSeconds: options.budgetSeconds }),
          ...(cacheOptions === undefined ? {} : { cache: fecCache({ seed }) }),
        })
      : options.store.store.study(options.store.name) === undefined
        ? startStoredStudy<Graph>(options.store.store, spec, extras, parts)
        : resumeStoredStudy<Graph>(options.store.store, options.store.name, extras);
  const dead = { sum: 0, trials: 0 };
  let startLoss: number | undefined;
  study.on('trial', (trial) => {
    if (trial.id === 0 && trial.status === 'done') startLoss = trial.values[0];
    const statements = statementCount(trial.genotype);
    if (statements > 0) {
      dead.sum += deadStatementCount(trial.genotype) / statements;
      dead.trials++;
    }
  });
  options.onStudy?.(study);
  const summary = await study.run();
  // A resumed study runs an algorithm rebuilt inside the store's resume, not `parts.algorithm`.
  const restarting = unguided(parts.algorithm) as { restarts?: () => number };
  const restarts = !startedFresh ? undefined : typeof restarting.restarts === 'function' ? restarting.restarts() : 0;
  return { study, task: parts.task as OptimizerTask, summary, best: study.best(), startLoss, deadStatementRate: dead.trials === 0 ? 0 : dead.sum / dead.trials, restarts };
}
