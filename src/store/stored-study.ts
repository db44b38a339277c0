import { UsageError } from '../core/errors.ts';
import { fecCache, type FecCacheOptions } from '../hashing/fec-cache.ts';
import type { EvaluationCache, Executor, ResumePoint } from '../core/plugs.ts';
import { algorithms, tasks } from '../core/registries.ts';
import { Study } from '../core/study.ts';
import type { Algorithm, Json, Space, Task, Trial } from '../core/types.ts';
import { spaces } from '../core/registries.ts';
import type { Recipe, StoredStudy, StudySpec, StudyStore } from './types.ts';

/** What a stored study runs with that is not part of its record. */
export interface RunExtras<G> {
  readonly executor?: Executor<G>;
  /**
   * A cache that is not part of the record; by default `fecCache(spec.cache)` when the spec
   * has cache options, and on resume of a study stored without them a fresh `fecCache()`
   * when its trials carry functional hashes.
   */
  readonly cache?: EvaluationCache;
  readonly signal?: AbortSignal;
  /** Finished trials between algorithm snapshots (default 1000). */
  readonly snapshotEveryTrials?: number;
  /** A stop condition; not stored, so a resumed study runs to its budget unless given one again. */
  readonly stopWhen?: (trial: Trial<G>) => boolean;
  /** Synchronous batches (see `StudyOptions.syncBatch`). */
  readonly syncBatch?: number;
}

/**
 * How a task's search function (`searchFormulas`, `searchPolicies`, …) runs as a stored study:
 * the plumbing a command hands it from its study flags.
 */
export interface StoredSearchOptions<G> {
  /** Write every trial to this store under this study name, so the search can be resumed. */
  readonly store?: { readonly store: StudyStore; readonly name: string };
  /** Where evaluations run, built from how the task and space are rebuilt (default: this thread). */
  readonly executor?: (recipes: { readonly task: Recipe; readonly space: Recipe }) => Executor<G>;
  /** Synchronous batches of this many trials: the same seed then gives the same search on any executor. */
  readonly syncBatch?: number;
  /** Aborting stops the search after the evaluations in flight; the result so far is returned. */
  readonly signal?: AbortSignal;
  /** Called with the study before it runs (to show progress, say). */
  readonly onStudy?: (study: Study<G>) => void;
}

/** The live parts of a study, rebuilt from the registries. */
export interface StudyParts<G> {
  readonly task: Task<G>;
  readonly space: Space<G>;
  readonly algorithm: Algorithm<G>;
}

/**
 * Rebuilds a study's task, space and algorithm from its record: the task from core's
 * `tasks`, the space from `spaces`, the algorithm from core's `algorithms`, restored from
 * `snapshot` when one is given. A caller that has built the task from the spec's recipe
 * already (to read something off it) passes it in `built`.
 */
export function rebuildParts<G>(spec: StudySpec, snapshot?: Json, built: { readonly task?: Task<G> } = {}): StudyParts<G> {
  if (spec.space === undefined || spec.algorithm === undefined) {
    throw new UsageError(`study '${spec.name}' was stored without a registered space and algorithm, so it cannot be rebuilt; start it again`);
  }
  const task = built.task ?? (tasks.get(spec.task.id)(spec.task.config) as Task<G>);
  const space = spaces.get(spec.space.id)(spec.space.config) as Space<G>;
  const config = spec.algorithm.config ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError(`study '${spec.name}': the algorithm config must be a JSON object, got ${JSON.stringify(config)}`);
  }
  const withSnapshot = snapshot === undefined ? config : { ...config, snapshot };
  const algorithm = algorithms.get(spec.algorithm.id)(space as Space<unknown>, withSnapshot) as Algorithm<G>;
  return { task, space, algorithm };
}

/**
 * Adds a study to the store and returns it ready to run, writing every trial to the store.
 * `parts` are the spec's rebuilt parts, for a caller that has built them already.
 */
export function startStoredStudy<G>(store: StudyStore, spec: StudySpec, extras: RunExtras<G> = {}, parts: StudyParts<G> = rebuildParts<G>(spec)): Study<G> {
  const cache = storedCache(spec);
  // Batches given as a run option are part of the record too, so that resume keeps them.
  const stored = extras.syncBatch === undefined || spec.syncBatch !== undefined ? spec : { ...spec, syncBatch: extras.syncBatch };
  store.createStudy(stored);
  return makeStudy(store, stored, parts, withCache(extras, cache), undefined);
}

/**
 * Continues a stored study that was stopped or killed: the algorithm from its last snapshot
 * plus the trials after it, the in-flight trials evaluated again, up to the same budget.
 *
 * With the inline executor a resumed study ends with the same trials, bit for bit, as one
 * never killed: the snapshot holds the algorithm and the study's random stream, and the
 * proposals and feedbacks after it are replayed in their first order. It does not when:
 * - evaluations ran in parallel (worker threads) without synchronous batches: results arrive
 *   in an order that timing decides, so no two runs, killed or not, share their trials; a
 *   resume still keeps every stored trial, re-runs the lost ones and ends at the budget (a
 *   study stored with `syncBatch` goes on in the same batches, on any executor);
 * - the study has a functional-equivalence cache: it is rebuilt from the stored results, but
 *   its recency order is not, so a later proposal may be evaluated where the first run found
 *   it in the cache (the same values for a deterministic task);
 * - the study stops on a time limit, which depends on the machine's speed;
 * - the space or task draws randomness outside the `Rng` and the trial seed it is given.
 */
export function resumeStoredStudy<G>(store: StudyStore, name: string, extras: RunExtras<G> = {}): Study<G> {
  const stored = requireStudy(store, name);
  const point = store.resumePoint(name);
  const parts = rebuildParts<G>(stored, point.snapshot?.algorithm);
  store.reopen(name);
  // Trials stored with a functional hash ran with a cache: a study stored before its cache
  // options were kept gets a default one, so finished work is still reused.
  const hashed = point.trials.some((t) => t.hash !== undefined);
  return makeStudy(store, stored, parts, withCache(extras, storedCache(stored) ?? (hashed ? fecCache() : undefined)), point);
}

/** The cache a study's stored options describe; undefined when it has none. */
function storedCache(spec: StudySpec): EvaluationCache | undefined {
  if (spec.cache === undefined) return undefined;
  if (spec.cache === null || typeof spec.cache !== 'object' || Array.isArray(spec.cache)) {
    throw new UsageError(`study '${spec.name}': the cache options must be a JSON object (FecCacheOptions), got ${JSON.stringify(spec.cache)}`);
  }
  return fecCache(spec.cache as FecCacheOptions);
}

/** `extras` with `cache` filled in when the caller gave none. */
function withCache<G>(extras: RunExtras<G>, cache: EvaluationCache | undefined): RunExtras<G> {
  return extras.cache !== undefined || cache === undefined ? extras : { ...extras, cache };
}

/** Whether a stored study has nothing left to resume: ended other than by an interrupt, nothing in flight (false for an unknown name). */
export function isFinished(store: StudyStore, name: string): boolean {
  const study = store.study(name);
  if (study === undefined) return false;
  const counts = store.counts(name);
  return study.status === 'ended' && study.stopReason !== 'aborted' && counts.running + counts.pending === 0;
}

/** The named study, or the newest one when no name is given; a UsageError when there is none. */
export function requireStudy(store: StudyStore, name?: string): StoredStudy {
  if (name === undefined) {
    const all = store.studies();
    const newest = all[all.length - 1];
    if (newest === undefined) throw new UsageError('the store holds no studies yet; run a search with --db first');
    return newest;
  }
  const study = store.study(name);
  if (study === undefined) throw new UsageError(`no study named '${name}' in the store; 'amoeba studies' lists them`);
  return study;
}

function makeStudy<G>(store: StudyStore, spec: StudySpec, parts: StudyParts<G>, extras: RunExtras<G>, resume: ResumePoint | undefined): Study<G> {
  return new Study<G>({
    ...parts,
    seed: spec.seed,
    log: store.log(spec.name),
    ...(spec.budgetTrials === undefined ? {} : { budgetTrials: spec.budgetTrials }),
    ...(spec.budgetSeconds === undefined ? {} : { budgetSeconds: spec.budgetSeconds }),
    ...(extras.executor === undefined ? {} : { executor: extras.executor }),
    ...(extras.cache === undefined ? {} : { cache: extras.cache }),
    ...(extras.signal === undefined ? {} : { signal: extras.signal }),
    ...(extras.snapshotEveryTrials === undefined ? {} : { snapshotEveryTrials: extras.snapshotEveryTrials }),
    ...(extras.stopWhen === undefined ? {} : { stopWhen: extras.stopWhen }),
    ...((extras.syncBatch ?? spec.syncBatch) === undefined ? {} : { syncBatch: extras.syncBatch ?? spec.syncBatch }),
    ...(resume === undefined ? {} : { resume }),
  });
}
