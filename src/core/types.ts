import type { Rng } from './rng.ts';

/** Plain JSON data: what genotypes, configs and snapshots are made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One thing a task measures, and which way is better. */
export interface Objective {
  /** Name shown in reports, e.g. `'error'` or `'ops'`. */
  readonly name: string;
  /** `'min'` when smaller is better, `'max'` when larger is better. */
  readonly goal: 'min' | 'max';
}

/** What one evaluation returns: one value per task objective, in the task's order. */
export interface Measurement {
  /** Objective values, in the same order as `Task.objectives`. */
  readonly values: readonly number[];
  /** Anything else worth keeping with the trial (fitted constants, timings, ...). */
  readonly info?: { readonly [key: string]: Json };
}

/** What an evaluation may know about the trial it serves. */
export interface EvalContext {
  /** The trial's id within its study. */
  readonly trialId: number;
  /** A seed fixed by (study seed, trial id): use it for any randomness in the evaluation. */
  readonly seed: number;
}

/** A family of genotypes: how to make and change them. */
export interface Space<G> {
  /** A fresh random genotype. */
  random(rng: Rng): G;
  /** A new genotype near `g`; never modifies `g`. */
  mutate(g: G, rng: Rng): G;
  /** A child of two parents, where the space supports it. */
  crossover?(a: G, b: G, rng: Rng): G;
  /** Structural hash: equal for programs equal up to renaming and reordering. */
  key(g: G): string;
  /** Plain data, stable across versions. */
  toJSON(g: G): Json;
  /** Validates plain data and rebuilds a genotype; throws a SpaceError naming what is wrong. */
  fromJSON(json: unknown): G;
}

/** What "good" means for a genotype. */
export interface Task<G> {
  /** Registry name, so a worker can rebuild the task from (id, config). */
  readonly id: string;
  /** The task's configuration, enough to rebuild it with `createTask(id, config)`. */
  readonly config?: Json;
  /** What evaluate measures, in order. */
  readonly objectives: readonly Objective[];
  /** Measures one genotype. Throwing or returning NaN fails the trial, never the study. */
  evaluate(g: G, ctx: EvalContext): Measurement | Promise<Measurement>;
  /** A cheap behaviour probe for functional hashing: outputs on fixed inputs. */
  fingerprint?(g: G): Float64Array;
}

/** The status a trial ends with. */
export type TrialStatus = 'done' | 'failed';

/** One proposed genotype and what became of it. */
export interface Trial<G> {
  /** Sequential id within the study, from 0. */
  readonly id: number;
  readonly genotype: G;
  /** The space's structural key. */
  readonly key: string;
  /** The functional hash, when the task has a fingerprint and the study a cache. */
  readonly hash: string | undefined;
  readonly status: TrialStatus;
  /** Raw objective values (NaN where the trial failed). */
  readonly values: readonly number[];
  /**
   * The same values turned into losses: negated for `'max'` objectives, +Infinity when failed.
   * Algorithms minimise these and so never need to know the goals.
   */
  readonly loss: readonly number[];
  /** Why the trial failed (`'timeout'`, an error message, `'non-finite objective'`). */
  readonly error: string | undefined;
  /** True when the result came from the functional-equivalence cache. */
  readonly cached: boolean;
  /** Milliseconds since the study started, when the trial finished. */
  readonly finishedMs: number;
  readonly info: { readonly [key: string]: Json } | undefined;
}

/** A search strategy in ask/tell form: it proposes genotypes and learns from finished trials. */
export interface Algorithm<G> {
  /** The next genotype to evaluate. */
  propose(rng: Rng): G;
  /** Learns from a finished trial (in the order trials finish). */
  feedback(trial: Trial<G>): void;
  /** Enough state, as JSON, to resume the algorithm exactly. */
  snapshot(): Json;
  /**
   * True once the algorithm wants no more proposals (a budget of its own is spent, or it found
   * what it looks for): the study then stops, reason 'condition'. Being state the algorithm
   * keeps and snapshots, such an end is stored with it and honoured on resume and on workers.
   */
  isDone?(): boolean;
}
