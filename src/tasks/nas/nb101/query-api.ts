import { UsageError } from '../../../core/errors.ts';
import { Rng } from '../../../core/rng.ts';
import { FINAL_OFFSET, HALFWAY_OFFSET, METRICS_PER_RUN, RUN_METRICS, TEST_ACCURACY, TRAIN_ACCURACY, TRAINING_TIME, VALIDATION_ACCURACY, cellMatrix, cellOps } from './dataset-index.ts';
import type { Nb101Index } from './dataset-index.ts';
import { NotInDatasetError, OutOfDomainError } from './errors.ts';
import { Nb101HashMemo } from './hash-memo.ts';
import { isNb101Valid } from './domain.ts';

/** What `query` returns: one run of one cell, as the original API's dictionary. */
export interface Nb101QueryResult {
  readonly hash: string;
  readonly epochs: number;
  readonly trainableParameters: number;
  /** Seconds of training up to this point (halfway or the end). */
  readonly trainingTime: number;
  readonly trainAccuracy: number;
  readonly validationAccuracy: number;
  readonly testAccuracy: number;
}

/** Options of `query`. */
export interface Nb101QueryOptions {
  /** Epoch budget; 108 by default. Must be one the dataset holds. */
  readonly epochs?: number;
  /** Return the metrics at half the budget, and charge only that. */
  readonly stopHalfway?: boolean;
  /** Picks the repeat; the benchmark's own seeded Rng by default. */
  readonly rng?: Rng;
}

/** One run's eight metrics, keyed by `RUN_METRICS` names. */
export type Nb101RunMetrics = { readonly [K in (typeof RUN_METRICS)[number]]: number };

/** Everything the dataset holds on one cell: fixed statistics and all runs per budget. */
export interface Nb101CellMetrics {
  readonly hash: string;
  readonly moduleAdjacency: number[][];
  readonly moduleOperations: string[];
  readonly trainableParameters: number;
  /** Runs by epoch budget, in the file's order. */
  readonly computed: { [epochs: number]: Nb101RunMetrics[] };
}

/** The NAS-Bench-101 query API over a loaded index (see `nasBench101`). */
export interface NasBench101 {
  readonly index: Nb101Index;
  /** One run of `spec` at random (seeded), adding its training time and epochs to the budget. */
  query(spec: unknown, options?: Nb101QueryOptions): Nb101QueryResult;
  /** As `query`, for a module hash (skips hashing). */
  queryHash(hash: string, options?: Nb101QueryOptions): Nb101QueryResult;
  /** All runs of `spec` at every budget; charges nothing. */
  getMetrics(spec: unknown): Nb101CellMetrics;
  /** All runs of a module hash at every budget; charges nothing. */
  getMetricsFromHash(hash: string): Nb101CellMetrics;
  /** The module hash of `spec`; throws InvalidSpecError or OutOfDomainError. */
  hashOf(spec: unknown): string;
  /** True when `spec` is a valid cell of the space (the dataset may still lack it). */
  isValid(spec: unknown): boolean;
  /** Simulated training seconds and epochs charged by `query` since the last reset. */
  budget(): { readonly trainingSeconds: number; readonly epochs: number };
  resetBudget(): void;
}

/**
 * The NAS-Bench-101 API (`nasbench.api.NASBench`) over an index from `loadNb101Index`:
 * `query` picks one of a cell's repeats with a seeded Rng and charges its simulated
 * training time; `getMetrics` returns every repeat. Invalid cells throw InvalidSpecError,
 * cells outside the space OutOfDomainError, cells the dataset lacks NotInDatasetError.
 *
 * @example
 * const bench = nasBench101(loadNb101Index('nasbench_only108.tfrecord').index, { seed: 0 });
 * bench.query({ matrix: [[0, 1], [0, 0]], ops: ['input', 'output'] }).validationAccuracy;
 */
export function nasBench101(index: Nb101Index, options: { readonly seed?: number } = {}): NasBench101 {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new UsageError(`nasBench101: seed must be a whole number, got ${seed}`);
  return new NasBench101Api(index, new Rng(seed));
}

class NasBench101Api implements NasBench101 {
  private readonly memo = new Nb101HashMemo();
  private trainingSeconds = 0;
  private epochs = 0;

  constructor(
    readonly index: Nb101Index,
    private readonly rng: Rng,
  ) {}

  query(spec: unknown, options: Nb101QueryOptions = {}): Nb101QueryResult {
    return this.queryHash(this.memo.hash(spec), options);
  }

  queryHash(hash: string, options: Nb101QueryOptions = {}): Nb101QueryResult {
    const epochs = options.epochs ?? 108;
    const slot = this.slotOf(epochs);
    const cell = this.cellOf(hash);
    const { runStart, runMetrics } = this.index;
    const key = cell * this.index.epochBudgets.length + slot;
    const first = runStart[key]!;
    const count = runStart[key + 1]! - first;
    if (count === 0) throw new NotInDatasetError(`the dataset has no run of module ${hash} at ${epochs} epochs`);
    const run = first + (options.rng ?? this.rng).int(count);
    const at = run * METRICS_PER_RUN + (options.stopHalfway ? HALFWAY_OFFSET : FINAL_OFFSET);
    const trainingTime = runMetrics[at + TRAINING_TIME]!;
    this.trainingSeconds += trainingTime;
    this.epochs += options.stopHalfway ? Math.floor(epochs / 2) : epochs;
    return {
      hash,
      epochs,
      trainableParameters: this.index.trainableParameters[cell]!,
      trainingTime,
      trainAccuracy: runMetrics[at + TRAIN_ACCURACY]!,
      validationAccuracy: runMetrics[at + VALIDATION_ACCURACY]!,
      testAccuracy: runMetrics[at + TEST_ACCURACY]!,
    };
  }

  getMetrics(spec: unknown): Nb101CellMetrics {
    return this.getMetricsFromHash(this.memo.hash(spec));
  }

  getMetricsFromHash(hash: string): Nb101CellMetrics {
    const cell = this.cellOf(hash);
    const { epochBudgets, runStart, runMetrics } = this.index;
    const computed: { [epochs: number]: Nb101RunMetrics[] } = {};
    epochBudgets.forEach((epochs, slot) => {
      const key = cell * epochBudgets.length + slot;
      const runs: Nb101RunMetrics[] = [];
      for (let run = runStart[key]!; run < runStart[key + 1]!; run++) {
        const values = runMetrics.subarray(run * METRICS_PER_RUN, (run + 1) * METRICS_PER_RUN);
        runs.push(Object.fromEntries(RUN_METRICS.map((name, i) => [name, values[i]!])) as Nb101RunMetrics);
      }
      if (runs.length > 0) computed[epochs] = runs;
    });
    return {
      hash,
      moduleAdjacency: cellMatrix(this.index, cell),
      moduleOperations: cellOps(this.index, cell),
      trainableParameters: this.index.trainableParameters[cell]!,
      computed,
    };
  }

  hashOf(spec: unknown): string {
    return this.memo.hash(spec);
  }

  isValid(spec: unknown): boolean {
    return isNb101Valid(spec);
  }

  budget(): { readonly trainingSeconds: number; readonly epochs: number } {
    return { trainingSeconds: this.trainingSeconds, epochs: this.epochs };
  }

  resetBudget(): void {
    this.trainingSeconds = 0;
    this.epochs = 0;
  }

  private slotOf(epochs: number): number {
    const slot = this.index.epochBudgets.indexOf(epochs);
    if (slot < 0) throw new OutOfDomainError(`invalid number of epochs ${epochs}; this dataset holds ${this.index.epochBudgets.join(', ')}`);
    return slot;
  }

  private cellOf(hash: string): number {
    const cell = this.index.cellByHash.get(hash);
    if (cell === undefined) throw new NotInDatasetError(`the loaded dataset has no record of module ${hash} (a partial dataset?)`);
    return cell;
  }
}
