import { UsageError } from '../../core/errors.ts';
import { GraphBuilder, type EncodedGraph, type ProgramEncoder } from './encoded-graph.ts';

/*
 * Neural-architecture cells as graphs. Cells sum their inputs, so every data-flow edge of a
 * cell has position 0: the order of a node's inputs carries no meaning.
 */

/** A cell with one op per node (NAS-Bench-101): an upper-triangular 0/1 adjacency matrix and one op name per node. */
export interface NodeOpCell {
  readonly matrix: readonly (readonly number[])[];
  readonly ops: readonly string[];
}

/**
 * Op-per-node cells as graphs: the cell's own nodes with their op names, the first marked
 * `input` and the last `output`, and its edges. Only the nodes on some path from the input
 * to the output are kept, as NAS-Bench-101 prunes a cell before training it, so a cell and
 * its pruned form encode alike.
 */
export function nodeOpCellEncoding(options: { readonly ops: readonly string[] }): ProgramEncoder<NodeOpCell> {
  const vocabulary = [...new Set(options.ops)];
  const encode = (cell: NodeOpCell): EncodedGraph => {
    const n = cell.ops.length;
    const reach = (from: number, step: (i: number, j: number) => boolean): boolean[] => {
      const seen = new Array<boolean>(n).fill(false);
      const stack = [from];
      seen[from] = true;
      while (stack.length > 0) {
        const i = stack.pop()!;
        for (let j = 0; j < n; j++) if (!seen[j] && step(i, j)) { seen[j] = true; stack.push(j); }
      }
      return seen;
    };
    const forward = reach(0, (i, j) => cell.matrix[i]![j] === 1);
    const backward = reach(n - 1, (i, j) => cell.matrix[j]![i] === 1);
    const b = new GraphBuilder('nodeOpCellEncoding', vocabulary, 1);
    const id = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) if (forward[i] && backward[i]) id[i] = b.node([cell.ops[i]!]);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      if (cell.matrix[i]![j] === 1 && id[i]! >= 0 && id[j]! >= 0) b.edge(id[i]!, id[j]!, 0);
    }
    return b.finish();
  };
  return { kind: 'node-op-cell', vocabulary, width: vocabulary.length + 1, edgeTypes: 2, encode };
}

/** Options of `edgeOpCellEncoding`: the cell's fixed wiring and its ops. */
export interface EdgeOpCellOptions {
  /** Nodes of the cell; node 0 is the input and the last the output. */
  readonly nodes: number;
  /** Edge e runs from edges[e][0] to edges[e][1]; a genotype names one op per edge. */
  readonly edges: readonly (readonly [number, number])[];
  /** Op names; a genotype's entries index into them. */
  readonly ops: readonly string[];
  /** Ops that output zero (NAS-Bench-201's 'none'): their edges are left out. */
  readonly zeroOps?: readonly string[];
}

/** A genotype of an op-per-edge cell: the op indices, as an array or as a DNA's `values`. */
export type EdgeOpCell = readonly number[] | { readonly values: ArrayLike<number> };

/**
 * Op-per-edge cells (NAS-Bench-201) as graphs: each cell node becomes a sum node (`cell:input`,
 * `cell:sum`, `cell:output`), each edge an op node between its two ends. An edge whose op
 * outputs zero adds nothing to its target, so it is left out: cells that compute the same
 * thing through a zero edge encode alike.
 */
export function edgeOpCellEncoding(options: EdgeOpCellOptions): ProgramEncoder<EdgeOpCell> {
  const { nodes, edges, ops } = options;
  for (const [from, to] of edges) {
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to < nodes)) throw new UsageError(`edgeOpCellEncoding: edge ${from} → ${to} must run forward between nodes 0..${nodes - 1}`);
  }
  const zero = new Set(options.zeroOps ?? []);
  const vocabulary = ['cell:input', 'cell:sum', 'cell:output', ...ops.filter((op) => !zero.has(op))];
  const encode = (cell: EdgeOpCell): EncodedGraph => {
    const indices = Array.isArray(cell) ? cell : (cell as { readonly values: ArrayLike<number> }).values;
    const b = new GraphBuilder('edgeOpCellEncoding', vocabulary, 1);
    for (let i = 0; i < nodes; i++) b.node([i === 0 ? 'cell:input' : i === nodes - 1 ? 'cell:output' : 'cell:sum']);
    edges.forEach(([from, to], e) => {
      const op = ops[indices[e]!];
      if (op === undefined) throw new UsageError(`edgeOpCellEncoding: edge ${e} names op ${indices[e]}, outside 0..${ops.length - 1}`);
      if (zero.has(op)) return;
      const node = b.node([op]);
      b.edge(from, node, 0);
      b.edge(node, to, 0);
    });
    return b.finish();
  };
  return { kind: 'edge-op-cell', vocabulary, width: vocabulary.length + 1, edgeTypes: 2, encode };
}
