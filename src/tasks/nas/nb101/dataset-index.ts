import { NB101_INPUT, NB101_OPS, NB101_OUTPUT } from './spec.ts';

/** The metrics of one run, in the order `Nb101Index.runMetrics` stores them (8 per run). */
export const RUN_METRICS = [
  'halfwayTrainingTime',
  'halfwayTrainAccuracy',
  'halfwayValidationAccuracy',
  'halfwayTestAccuracy',
  'finalTrainingTime',
  'finalTrainAccuracy',
  'finalValidationAccuracy',
  'finalTestAccuracy',
] as const;
/** Numbers stored per run. */
export const METRICS_PER_RUN = RUN_METRICS.length;
/** Offset of the halfway block and of the final block within a run. */
export const [HALFWAY_OFFSET, FINAL_OFFSET] = [0, 4] as const;
/** Offsets within a block: training seconds, train, validation and test accuracy. */
export const [TRAINING_TIME, TRAIN_ACCURACY, VALIDATION_ACCURACY, TEST_ACCURACY] = [0, 1, 2, 3] as const;

/**
 * NAS-Bench-101 in a few flat arrays. Cells are numbered 0..N-1; a cell's runs at epoch
 * budget `epochBudgets[s]` are `runStart[c*E + s] .. runStart[c*E + s + 1] - 1` (E budgets),
 * and run r's metrics are `runMetrics[8r .. 8r+7]` in `RUN_METRICS` order. About 100 MB for
 * the 108-epoch file, instead of gigabytes of nested dictionaries.
 */
export interface Nb101Index {
  /** The epoch budgets present, ascending: [108] or [4, 12, 36, 108]. */
  readonly epochBudgets: readonly number[];
  /** Module hash of each cell. */
  readonly hashes: readonly string[];
  /** Cell number of each module hash. */
  readonly cellByHash: ReadonlyMap<string, number>;
  readonly trainableParameters: Int32Array;
  /** Vertices of the pruned cell (2..7). */
  readonly vertexCounts: Uint8Array;
  /** The pruned adjacency: edge (i, j), i < j, is bit `i + j(j-1)/2`. */
  readonly edgeBits: Uint32Array;
  /** Interior ops in base 3 (index in `NB101_OPS`), vertex 1 least significant. */
  readonly opCodes: Uint8Array;
  readonly runStart: Int32Array;
  readonly runMetrics: Float64Array;
}

/** The pruned adjacency matrix of cell `cell`. */
export function cellMatrix(index: Nb101Index, cell: number): number[][] {
  return matrixFromEdgeBits(index.vertexCounts[cell]!, index.edgeBits[cell]!);
}

/** The n×n matrix whose edge (i, j), i < j, is bit `i + j(j-1)/2` of `edgeBits`. */
export function matrixFromEdgeBits(n: number, edgeBits: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j > i && (edgeBits >>> (i + (j * (j - 1)) / 2)) & 1 ? 1 : 0)));
}

/** The ops of cell `cell`, input first and output last. */
export function cellOps(index: Nb101Index, cell: number): string[] {
  const n = index.vertexCounts[cell]!;
  const ops: string[] = [NB101_INPUT];
  let code = index.opCodes[cell]!;
  for (let v = 1; v < n - 1; v++) {
    ops.push(NB101_OPS[code % 3]!);
    code = Math.floor(code / 3);
  }
  ops.push(NB101_OUTPUT);
  return ops;
}

/** Total number of runs in the index. */
export function runCount(index: Nb101Index): number {
  return index.runMetrics.length / METRICS_PER_RUN;
}
