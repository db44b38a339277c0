import { UsageError } from '../../core/errors.ts';
import type { Executor } from '../../core/plugs.ts';
import { spaces, algorithms } from '../../core/registries.ts';
import { Study } from '../../core/study.ts';
import type { Algorithm, Space, Trial } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { Recipe } from '../../store/types.ts';
import './register.ts';
import { BestByOps, approxResult, type ApproxSearchResult } from './result.ts';
import { approxSetup, type ApproxSettings, type ApproxSetup } from './setup.ts';

/** An AutoNumerics-Zero run: what to approximate, in which mode, with which ops and budget. */
export interface ApproxSearchOptions extends ApproxSettings {
  readonly seed?: number;
  /** Trials to run (default 2000). */
  readonly budgetTrials?: number;
  readonly budgetSeconds?: number;
  /** Where evaluations run, built from how the task and space are rebuilt (default: this thread; needs a built-in target). */
  readonly executor?: (recipes: { readonly task: Recipe; readonly space: Recipe }) => Executor<Graph>;
  /** Synchronous batches of this many trials: the same seed then gives the same search on any executor. */
  readonly syncBatch?: number;
  /** Called with the study before it runs (to show progress, say). */
  readonly onStudy?: (study: Study<Graph>) => void;
  /** Aborting stops the search after the evaluations in flight; the front so far is returned. */
  readonly signal?: AbortSignal;
}

export type { ApproxProgram, ApproxSearchResult } from './result.ts';

/**
 * Runs NSGA-II over DAG programs with CMA-ES-fitted constants and returns the front beside the
 * baselines. The space and algorithm are built from their registered recipes (see
 * `approxSetup`), as a worker or `amoeba resume` rebuilds them.
 */
export async function searchApproximations(options: ApproxSearchOptions): Promise<ApproxSearchResult> {
  const setup = approxSetup(options);
  const seed = options.seed ?? 0;
  const { space, algorithm } = approxParts(setup);
  const budgetTrials = options.budgetTrials ?? (options.budgetSeconds === undefined ? 2000 : undefined);
  const executor = options.executor === undefined ? undefined : options.executor({ task: storedTask(setup), space: setup.recipes.space });
  const study = new Study<Graph>({
    space,
    task: setup.task,
    algorithm,
    seed,
    ...(budgetTrials === undefined ? {} : { budgetTrials }),
    ...(options.budgetSeconds === undefined ? {} : { budgetSeconds: options.budgetSeconds }),
    ...(executor === undefined ? {} : { executor }),
    ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const best = new BestByOps<Trial<Graph>>(setup.maxOps);
  study.on('trial', (trial) => best.consider(trial));
  options.onStudy?.(study);
  const summary = await study.run();
  return approxResult(setup, best.programs(), summary, seed);
}

/** The space and algorithm of a search, built from its recipes through the registries. */
export function approxParts(setup: ApproxSetup): { readonly space: Space<Graph>; readonly algorithm: Algorithm<Graph> } {
  const { space: spaceRecipe, algorithm: algorithmRecipe } = setup.recipes;
  const space = spaces.get(spaceRecipe.id)(spaceRecipe.config) as Space<Graph>;
  const algorithm = algorithms.get(algorithmRecipe.id)(space as Space<unknown>, algorithmRecipe.config) as Algorithm<Graph>;
  return { space, algorithm };
}

function storedTask(setup: ApproxSetup): Recipe {
  if (setup.recipes.task === undefined) throw new UsageError(`target '${setup.target.name}' is a custom target: its evaluations run only in this thread, so give no executor`);
  return setup.recipes.task;
}
