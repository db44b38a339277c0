import { InvalidSpecError } from './errors.ts';

/** A NAS-Bench-101 cell: an adjacency matrix (0/1, upper-triangular) and one op per vertex. */
export interface Nb101Spec {
  /** `matrix[i][j] === 1` when vertex i feeds vertex j; only i < j may be set. */
  readonly matrix: readonly (readonly number[])[];
  /** `'input'`, then interior ops from `NB101_OPS`, then `'output'`. */
  readonly ops: readonly string[];
}

/** The interior ops in the dataset's canonical order: a vertex's label is its index here. */
export const NB101_OPS = ['conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3'] as const;
/** The first vertex's op. */
export const NB101_INPUT = 'input';
/** The last vertex's op. */
export const NB101_OUTPUT = 'output';
/** Most vertices a pruned cell may have, input and output included. */
export const NB101_MAX_VERTICES = 7;
/** Most edges a pruned cell may have. */
export const NB101_MAX_EDGES = 9;

/**
 * Checks that `spec` is a well-formed cell: a square 0/1 upper-triangular matrix with one op
 * string per vertex. Says nothing of the NAS-Bench-101 limits (see `checkNb101Domain`).
 * @throws InvalidSpecError naming the first problem found.
 */
export function checkSpecShape(spec: unknown): asserts spec is Nb101Spec {
  if (spec === null || typeof spec !== 'object') throw new InvalidSpecError('a cell spec must be an object { matrix, ops }');
  const { matrix, ops } = spec as { matrix?: unknown; ops?: unknown };
  if (!Array.isArray(matrix)) throw new InvalidSpecError('cell spec: matrix must be an array of rows');
  if (!Array.isArray(ops)) throw new InvalidSpecError('cell spec: ops must be an array of op names');
  const n = matrix.length;
  if (ops.length !== n) throw new InvalidSpecError(`cell spec: ${ops.length} ops for a ${n}×${n} matrix; give one op per vertex`);
  for (let i = 0; i < n; i++) {
    const row: unknown = matrix[i];
    if (!Array.isArray(row) || row.length !== n) throw new InvalidSpecError(`cell spec: matrix must be square, but row ${i} is not of length ${n}`);
    for (let j = 0; j < n; j++) {
      const bit: unknown = row[j];
      if (bit !== 0 && bit !== 1) throw new InvalidSpecError(`cell spec: matrix[${i}][${j}] must be 0 or 1, got ${JSON.stringify(bit)}`);
      if (bit === 1 && j <= i) throw new InvalidSpecError(`cell spec: matrix must be upper-triangular, but matrix[${i}][${j}] is 1`);
    }
    if (typeof ops[i] !== 'string') throw new InvalidSpecError(`cell spec: ops[${i}] must be a string, got ${JSON.stringify(ops[i])}`);
  }
}

/** Number of edges (ones) in a matrix. */
export function countEdges(matrix: readonly (readonly number[])[]): number {
  let edges = 0;
  for (const row of matrix) for (const bit of row) edges += bit;
  return edges;
}

/** A deep copy of a spec, so callers may change it freely. */
export function copySpec(spec: Nb101Spec): { matrix: number[][]; ops: string[] } {
  return { matrix: spec.matrix.map((row) => row.slice()), ops: spec.ops.slice() };
}

/**
 * Parses a flat row-major 0/1 string (`'0100…'`, as stored in the dataset) into a matrix.
 * @throws InvalidSpecError when the length is not a square or a character is not 0/1.
 */
export function matrixFromBits(bits: string): number[][] {
  const n = Math.round(Math.sqrt(bits.length));
  if (n * n !== bits.length) throw new InvalidSpecError(`adjacency string has ${bits.length} characters, which is not a square number`);
  const matrix: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const c = bits.charCodeAt(i * n + j) - 48;
      if (c !== 0 && c !== 1) throw new InvalidSpecError(`adjacency string: character ${i * n + j} must be 0 or 1`);
      row.push(c);
    }
    matrix.push(row);
  }
  return matrix;
}
