import { FINAL_OFFSET, HALFWAY_OFFSET, METRICS_PER_RUN, matrixFromEdgeBits } from './dataset-index.ts';
import type { Nb101Index } from './dataset-index.ts';
import { hashModule } from './module-hash.ts';
import { DatasetRowError, recordPlace } from './row.ts';
import type { Nb101Row } from './row.ts';
import { NB101_INPUT, NB101_MAX_VERTICES, NB101_OPS, NB101_OUTPUT } from './spec.ts';

/**
 * Collects dataset rows, in any order, into an `Nb101Index`. Arrays grow by half as needed;
 * `expectedRuns` (from the file size) saves most of the regrowth on the real files.
 */
export class Nb101IndexBuilder {
  private readonly cellByHash = new Map<string, number>();
  private readonly hashes: string[] = [];
  private cellCapacity: number;
  private trainableParameters: Int32Array;
  private vertexCounts: Uint8Array;
  private edgeBits: Uint32Array;
  private opCodes: Uint8Array;
  private runCapacity: number;
  private runCell: Int32Array;
  private runEpochs: Int32Array;
  private runMetrics: Float64Array;
  private runs = 0;

  constructor(
    expectedRuns = 1024,
    private readonly verifyHashes = false,
  ) {
    this.runCapacity = Math.max(16, Math.ceil(expectedRuns));
    this.cellCapacity = Math.max(16, Math.ceil(this.runCapacity / 3));
    this.trainableParameters = new Int32Array(this.cellCapacity);
    this.vertexCounts = new Uint8Array(this.cellCapacity);
    this.edgeBits = new Uint32Array(this.cellCapacity);
    this.opCodes = new Uint8Array(this.cellCapacity);
    this.runCell = new Int32Array(this.runCapacity);
    this.runEpochs = new Int32Array(this.runCapacity);
    this.runMetrics = new Float64Array(this.runCapacity * METRICS_PER_RUN);
  }

  /** Adds one run; `path` and `offset` name the record in error messages. */
  add(row: Nb101Row, path: string, offset: number): void {
    let cell = this.cellByHash.get(row.hash);
    if (cell === undefined) cell = this.addCell(row, recordPlace(path, offset));
    if (this.runs === this.runCapacity) this.growRuns();
    const r = this.runs++;
    this.runCell[r] = cell;
    this.runEpochs[r] = row.epochs;
    const halfway = row.metrics.evaluation_data[1]!;
    const final = row.metrics.evaluation_data[2]!;
    const m = this.runMetrics;
    const base = r * METRICS_PER_RUN;
    m[base + HALFWAY_OFFSET] = halfway.training_time;
    m[base + HALFWAY_OFFSET + 1] = halfway.train_accuracy;
    m[base + HALFWAY_OFFSET + 2] = halfway.validation_accuracy;
    m[base + HALFWAY_OFFSET + 3] = halfway.test_accuracy;
    m[base + FINAL_OFFSET] = final.training_time;
    m[base + FINAL_OFFSET + 1] = final.train_accuracy;
    m[base + FINAL_OFFSET + 2] = final.validation_accuracy;
    m[base + FINAL_OFFSET + 3] = final.test_accuracy;
  }

  /** The finished index: runs grouped by cell and epoch budget, in the order they came. */
  finish(): Nb101Index {
    const cells = this.hashes.length;
    const epochBudgets = [...new Set(this.runEpochs.subarray(0, this.runs))].sort((a, b) => a - b);
    const budgets = epochBudgets.length;
    const slotOf = new Map(epochBudgets.map((e, s) => [e, s]));
    // Counting sort of runs by (cell, budget): stable, so repeats keep the file's order.
    const runStart = new Int32Array(cells * budgets + 1);
    const keys = new Int32Array(this.runs);
    for (let r = 0; r < this.runs; r++) {
      const key = this.runCell[r]! * budgets + slotOf.get(this.runEpochs[r]!)!;
      keys[r] = key;
      runStart[key + 1]!++;
    }
    for (let k = 0; k < cells * budgets; k++) runStart[k + 1]! += runStart[k]!;
    const next = runStart.slice(0, cells * budgets);
    const runMetrics = new Float64Array(this.runs * METRICS_PER_RUN);
    for (let r = 0; r < this.runs; r++) {
      const to = next[keys[r]!]!++;
      runMetrics.set(this.runMetrics.subarray(r * METRICS_PER_RUN, (r + 1) * METRICS_PER_RUN), to * METRICS_PER_RUN);
    }
    return {
      epochBudgets,
      hashes: this.hashes,
      cellByHash: this.cellByHash,
      trainableParameters: this.trainableParameters.slice(0, cells),
      vertexCounts: this.vertexCounts.slice(0, cells),
      edgeBits: this.edgeBits.slice(0, cells),
      opCodes: this.opCodes.slice(0, cells),
      runStart,
      runMetrics,
    };
  }

  private addCell(row: Nb101Row, where: string): number {
    const cell = this.hashes.length;
    if (cell === this.cellCapacity) this.growCells();
    const { vertices, edgeBits, opCode, labels } = parseCell(row.adjacency, row.operations, where);
    if (this.verifyHashes) {
      const hash = hashModule(matrixFromEdgeBits(vertices, edgeBits), labels);
      if (hash !== row.hash) throw new DatasetRowError(`${where}: module hash ${row.hash} does not match its cell (which hashes to ${hash})`);
    }
    this.cellByHash.set(row.hash, cell);
    this.hashes.push(row.hash);
    this.trainableParameters[cell] = row.metrics.trainable_parameters;
    this.vertexCounts[cell] = vertices;
    this.edgeBits[cell] = edgeBits;
    this.opCodes[cell] = opCode;
    return cell;
  }

  private growCells(): void {
    this.cellCapacity = Math.ceil(this.cellCapacity * 1.5);
    this.trainableParameters = grown(this.trainableParameters, this.cellCapacity);
    this.vertexCounts = grown(this.vertexCounts, this.cellCapacity);
    this.edgeBits = grown(this.edgeBits, this.cellCapacity);
    this.opCodes = grown(this.opCodes, this.cellCapacity);
  }

  private growRuns(): void {
    this.runCapacity = Math.ceil(this.runCapacity * 1.5);
    this.runCell = grown(this.runCell, this.runCapacity);
    this.runEpochs = grown(this.runEpochs, this.runCapacity);
    this.runMetrics = grown(this.runMetrics, this.runCapacity * METRICS_PER_RUN);
  }
}

function grown<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array as ArrayLike<number>);
  return bigger;
}

/** Reads a dataset cell (pruned, so at most 7 vertices) into the index's compact fields. */
function parseCell(adjacency: string, operations: string, where: string): { vertices: number; edgeBits: number; opCode: number; labels: number[] } {
  const ops = operations.split(',');
  const n = ops.length;
  if (n < 2 || n > NB101_MAX_VERTICES) throw new DatasetRowError(`${where}: a cell has 2 to ${NB101_MAX_VERTICES} ops, got ${n}`);
  if (adjacency.length !== n * n) throw new DatasetRowError(`${where}: adjacency has ${adjacency.length} entries for ${n} ops (expected ${n * n})`);
  if (ops[0] !== NB101_INPUT || ops[n - 1] !== NB101_OUTPUT) throw new DatasetRowError(`${where}: ops must start with '${NB101_INPUT}' and end with '${NB101_OUTPUT}'`);
  let edgeBits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = adjacency.charCodeAt(i * n + j);
      if (c === 48) continue;
      if (c !== 49 || j <= i) throw new DatasetRowError(`${where}: adjacency must be an upper-triangular string of 0/1`);
      edgeBits |= 1 << (i + (j * (j - 1)) / 2);
    }
  }
  const labels = [-1];
  let opCode = 0;
  for (let v = n - 2; v >= 1; v--) {
    const label = (NB101_OPS as readonly string[]).indexOf(ops[v]!);
    if (label < 0) throw new DatasetRowError(`${where}: unknown op '${ops[v]}'`);
    opCode = opCode * 3 + label;
    labels[v] = label;
  }
  labels[n - 1] = -2;
  return { vertices: n, edgeBits: edgeBits >>> 0, opCode, labels };
}
