import { SpaceError } from '../../../core/errors.ts';

/** The five NAS-Bench-201 edge ops, in the benchmark's order: a cell stores indices into it. */
export const NB201_OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
/** Edges of a cell: node 1 ← 0, node 2 ← 0, 1, node 3 ← 0, 1, 2. */
export const NB201_EDGES = 6;
/** Number of distinct cells: 5^6. */
export const NB201_CELL_COUNT = 15625;

/** A NAS-Bench-201 cell as six op indices (into `NB201_OPS`), in the cell string's edge order. */
export type Nb201Cell = readonly number[];

const EDGE_SOURCES = [0, 0, 1, 0, 1, 2] as const;

/**
 * Parses a cell string `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|` into six op indices.
 * @throws SpaceError naming the first thing that is wrong.
 */
export function parseNb201Cell(text: string): number[] {
  const nodes = text.split('+');
  if (nodes.length !== 3) throw new SpaceError(`NAS-Bench-201 cell '${text}': expected 3 nodes separated by '+', got ${nodes.length}`);
  const ops: number[] = [];
  nodes.forEach((node, n) => {
    if (!node.startsWith('|') || !node.endsWith('|') || node.length < 2) throw new SpaceError(`NAS-Bench-201 cell '${text}': node ${n + 1} must look like |op~0|…|`);
    const edges = node.slice(1, -1).split('|');
    if (edges.length !== n + 1) throw new SpaceError(`NAS-Bench-201 cell '${text}': node ${n + 1} needs ${n + 1} inputs, got ${edges.length}`);
    edges.forEach((edge, source) => {
      const [name, from] = edge.split('~');
      const op = (NB201_OPS as readonly string[]).indexOf(name ?? '');
      if (op < 0) throw new SpaceError(`NAS-Bench-201 cell '${text}': unknown op '${name}'; use one of ${NB201_OPS.join(', ')}`);
      if (from !== String(source)) throw new SpaceError(`NAS-Bench-201 cell '${text}': input ${source} of node ${n + 1} must be written '${name}~${source}'`);
      ops.push(op);
    });
  });
  return ops;
}

/** The cell string of six op indices, as the benchmark writes it. */
export function formatNb201Cell(cell: Nb201Cell): string {
  checkNb201Cell(cell);
  const edge = (e: number): string => `${NB201_OPS[cell[e]!]}~${EDGE_SOURCES[e]}`;
  return `|${edge(0)}|+|${edge(1)}|${edge(2)}|+|${edge(3)}|${edge(4)}|${edge(5)}|`;
}

/** The cell's number in [0, 15625): edge e's op times 5^e, summed. */
export function nb201CellCode(cell: Nb201Cell): number {
  checkNb201Cell(cell);
  let code = 0;
  for (let e = NB201_EDGES - 1; e >= 0; e--) code = code * 5 + cell[e]!;
  return code;
}

/** The cell numbered `code` (inverse of `nb201CellCode`). */
export function nb201CellFromCode(code: number): number[] {
  if (!(Number.isInteger(code) && code >= 0 && code < NB201_CELL_COUNT)) throw new SpaceError(`NAS-Bench-201 cell code must be a whole number in [0, ${NB201_CELL_COUNT}), got ${code}`);
  const ops: number[] = [];
  for (let e = 0; e < NB201_EDGES; e++) {
    ops.push(code % 5);
    code = Math.floor(code / 5);
  }
  return ops;
}

/** Throws a SpaceError unless `cell` is six whole numbers in [0, 5). */
export function checkNb201Cell(cell: unknown): asserts cell is Nb201Cell {
  if (!Array.isArray(cell) || cell.length !== NB201_EDGES) throw new SpaceError(`a NAS-Bench-201 cell is ${NB201_EDGES} op indices, got ${JSON.stringify(cell)}`);
  for (const op of cell) {
    if (!(Number.isInteger(op) && op >= 0 && op < NB201_OPS.length)) throw new SpaceError(`NAS-Bench-201 op index must be a whole number in [0, ${NB201_OPS.length}), got ${JSON.stringify(op)}`);
  }
}
