import { nb101Hash } from './module-hash.ts';
import { NB101_INPUT, NB101_MAX_VERTICES, NB101_OPS, NB101_OUTPUT } from './spec.ts';

// First code of each vertex count n: cells of fewer vertices take 2^(m(m-1)/2) · 3^(m-2)
// codes each, so every code of up to 7 vertices stays below 2^30, a small integer for V8.
const FIRST_CODE: number[] = [];
for (let n = 0, next = 0; n <= NB101_MAX_VERTICES; n++) {
  FIRST_CODE.push(next);
  if (n >= 2) next += 2 ** ((n * (n - 1)) / 2) * 3 ** (n - 2);
}

/**
 * A number in [0, 2^30) naming an unpruned cell of 2 to 7 vertices exactly (vertex count,
 * edge bits, interior ops), or -1 for anything else: other sizes or ops, or a malformed
 * spec. Edge (i, j) is bit `i + j(j-1)/2`, as in NAS-Bench-101.
 */
export function encodeSpec(spec: unknown): number {
  if (spec === null || typeof spec !== 'object') return -1;
  const { matrix, ops } = spec as { matrix?: unknown; ops?: unknown };
  if (!Array.isArray(matrix) || !Array.isArray(ops)) return -1;
  const n = matrix.length;
  if (n < 2 || n > NB101_MAX_VERTICES || ops.length !== n || ops[0] !== NB101_INPUT || ops[n - 1] !== NB101_OUTPUT) return -1;
  let edgeBits = 0;
  for (let i = 0; i < n; i++) {
    const row: unknown = matrix[i];
    if (!Array.isArray(row) || row.length !== n) return -1;
    for (let j = 0; j < n; j++) {
      const bit: unknown = row[j];
      if (bit === 1 && j > i) edgeBits |= 1 << (i + (j * (j - 1)) / 2);
      else if (bit !== 0) return -1;
    }
  }
  let opCode = 0;
  for (let v = n - 2; v >= 1; v--) {
    const op: unknown = ops[v];
    const label = op === NB101_OPS[0] ? 0 : op === NB101_OPS[1] ? 1 : op === NB101_OPS[2] ? 2 : -1;
    if (label < 0) return -1;
    opCode = opCode * 3 + label;
  }
  return FIRST_CODE[n]! + opCode * 2 ** ((n * (n - 1)) / 2) + edgeBits;
}

/**
 * Remembers the module hash of each cell it has seen, so a search that revisits cells (as
 * every search on a tabular benchmark does) pays for md5 once per cell. Bounded: it starts
 * over when full. Invalid cells are not remembered; they throw as `nb101Hash` does.
 */
export class Nb101HashMemo {
  private readonly hashes = new Map<number, string>();

  /** @param capacity how many cells to remember before starting over. */
  constructor(private readonly capacity = 1 << 20) {}

  /** The module hash of `spec` (see `nb101Hash`). */
  hash(spec: unknown): string {
    const code = encodeSpec(spec);
    if (code < 0) return nb101Hash(spec);
    let hash = this.hashes.get(code);
    if (hash === undefined) {
      hash = nb101Hash(spec);
      if (this.hashes.size >= this.capacity) this.hashes.clear();
      this.hashes.set(code, hash);
    }
    return hash;
  }

  /** How many cells are remembered now. */
  get size(): number {
    return this.hashes.size;
  }
}
