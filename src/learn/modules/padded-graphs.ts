import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';

/** Where each node of a batch of graphs sits when every graph is padded to `maxNodes` slots. */
export interface PaddedGraphs {
  /** Nodes per graph. */
  readonly counts: Int32Array;
  /** The largest graph's node count (at least 1). */
  readonly maxNodes: number;
  /** True when some graph has fewer than maxNodes nodes. */
  readonly padded: boolean;
  /** For slot g·maxNodes + i, the i-th node of graph g; padding slots read node 0 (masked or dropped later). */
  readonly nodeOfSlot: Int32Array;
  /** For each node, its slot. */
  readonly slotOfNode: Int32Array;
}

/** The padded layout of the graphs named by `graphOf` (node → graph, in any order). */
export function padGraphs(owner: string, graphOf: Int32Array, nodes: number, graphs: number): PaddedGraphs {
  wholeNumber(owner, 'graphs', graphs, 1);
  if (!(graphOf instanceof Int32Array) || graphOf.length !== nodes) throw new UsageError(`${owner}: graphOf must be an Int32Array with one graph id per node (${nodes})`);
  const counts = new Int32Array(graphs);
  const slotOfNode = new Int32Array(nodes);
  for (let node = 0; node < nodes; node++) {
    const g = graphOf[node]!;
    if (!(g >= 0 && g < graphs)) throw new UsageError(`${owner}: node ${node} is in graph ${g}, outside 0..${graphs - 1}`);
    slotOfNode[node] = counts[g]!++;
  }
  let maxNodes = 1;
  for (const count of counts) maxNodes = Math.max(maxNodes, count);
  const nodeOfSlot = new Int32Array(graphs * maxNodes);
  for (let node = 0; node < nodes; node++) {
    slotOfNode[node] = graphOf[node]! * maxNodes + slotOfNode[node]!;
    nodeOfSlot[slotOfNode[node]!] = node;
  }
  return { counts, maxNodes, padded: counts.some((c) => c !== maxNodes), nodeOfSlot, slotOfNode };
}
