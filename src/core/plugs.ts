import type { EvalContext, Json, Measurement, Space, Task } from './types.ts';

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

/** Where a trial stands: proposed and waiting, being evaluated, or finished one way or the other. */
export type StoredTrialStatus = 'pending' | 'running' | 'done' | 'failed';

/** A trial as a study log writes it when proposed: plain JSON data, nothing live. */
export interface ProposedRecord {
  readonly id: number;
  readonly genotype: Json;
  readonly key: string;
  readonly hash: string | undefined;
  /** Position of the proposal among all the study's proposals and feedbacks, for exact replay. */
  readonly seq: number;
  /** Milliseconds since the study first started. */
  readonly proposedMs: number;
}

/** What a study log writes when a trial finishes. */
export interface FinishedRecord {
  readonly id: number;
  readonly status: 'done' | 'failed';
  /** Objective values; NaN where the trial failed. */
  readonly values: readonly number[];
  readonly error: string | undefined;
  readonly cached: boolean;
  readonly info: { readonly [key: string]: Json } | undefined;
  /** Position of the feedback among all the study's proposals and feedbacks. */
  readonly seq: number;
  readonly finishedMs: number;
}

/** One stored trial, as read back for resume and reports. */
export interface TrialRecord {
  readonly id: number;
  readonly genotype: Json;
  readonly key: string;
  readonly hash: string | undefined;
  readonly status: StoredTrialStatus;
  readonly values: readonly number[] | undefined;
  readonly error: string | undefined;
  readonly cached: boolean;
  readonly info: { readonly [key: string]: Json } | undefined;
  readonly proposedSeq: number;
  readonly finishedSeq: number | undefined;
  readonly proposedMs: number;
  readonly finishedMs: number | undefined;
}

/** The algorithm's state and the study's random stream at one moment, enough to resume from. */
export interface SnapshotRecord {
  /** Every proposal and feedback with a smaller seq is already folded into `algorithm`. */
  readonly seq: number;
  readonly algorithm: Json;
  /** The study's random-number state (see `Study`). */
  readonly rng: Json;
  readonly elapsedMs: number;
}

/**
 * The write side of a study store: a study calls it as trials are proposed and finish, and
 * with algorithm snapshots now and then. Calls must not throw for ordinary data; an
 * implementation may buffer them and write in batches.
 */
export interface StudyLog {
  proposed(record: ProposedRecord): void;
  finished(record: FinishedRecord): void;
  snapshot(record: SnapshotRecord): void;
  /** The study stopped (budget, time, condition or abort); write everything buffered. */
  ended(outcome: { readonly stopReason: string | undefined; readonly elapsedMs: number }): void | Promise<void>;
}

/**
 * What a study resumes from: its last snapshot (whose `algorithm` the caller already
 * restored into the algorithm it passes in) and every trial stored so far, ids 0..n-1.
 */
export interface ResumePoint {
  readonly snapshot: SnapshotRecord | undefined;
  readonly trials: readonly TrialRecord[];
}
