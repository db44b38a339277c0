import { isConst, type Graph } from './graph.ts';
import type { OpSet } from './op-set.ts';

/**
 * The summed `cost` of a graph's op vertices (constants and inputs are free): a cheap
 * proxy for evaluation time, for cost objectives. Unknown ops count as cost 1.
 */
export function graphCost(g: Graph, ops: OpSet): number {
  let total = 0;
  for (const v of g.vertices) if (!isConst(v)) total += ops.find(v.op)?.cost ?? 1;
  return total;
}

/** The number of op vertices (constants not counted). */
export function opCount(g: Graph): number {
  let count = 0;
  for (const v of g.vertices) if (!isConst(v)) count++;
  return count;
}
