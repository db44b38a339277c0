import type { EvalContext, Measurement, Space, Task } from './types.ts';

/**
 * Where evaluations run. The study keeps up to `capacity` evaluations in flight and hands
 * each result back as it arrives (steady-state, as in Regularized Evolution).
 */
export interface Executor<G> {
  /** How many evaluations may be in flight at once (1 for inline). */
  readonly capacity: number;
  /** Binds the executor to a study's task and space before the first evaluation. */
  open(binding: { readonly task: Task<G>; readonly space: Space<G> }): void | Promise<void>;
  /** Evaluates one genotype; a rejection fails only this trial, with the error's message. */
  evaluate(genotype: G, ctx: EvalContext): Measurement | Promise<Measurement>;
  /** Releases workers and connections. */
  close(): Promise<void>;
}

/** The result of asking a functional-equivalence cache about a fingerprint. */
export interface CacheLookup {
  /** The functional hash of the fingerprint. */
  readonly hash: string;
  /** A stored measurement to reuse instead of evaluating, or undefined to evaluate. */
  readonly measurement: Measurement | undefined;
}

/** A functional-equivalence cache (FEC): reuses results of programs that behave the same. */
export interface EvaluationCache {
  lookup(fingerprint: Float64Array): CacheLookup;
  /** Records a fresh evaluation under its hash. */
  record(hash: string, measurement: Measurement): void;
  stats(): CacheStats;
}

/** Counters a cache reports in the study summary. */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
}
