import { oneOfValues } from '../../core/options.ts';
import { segmentMax, segmentMean, segmentSum } from '../tensor/segment.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { moduleParts, type Module } from './module.ts';

const REDUCTIONS = { mean: segmentMean, max: segmentMax, sum: segmentSum } as const;

/** How `graphPooling` combines a graph's node rows. */
export type PoolingReduction = keyof typeof REDUCTIONS;

/** Options of `graphPooling`. */
export interface GraphPoolingOptions {
  /** 'mean' (default), 'max' or 'sum' over each graph's nodes. */
  readonly reduce?: PoolingReduction;
}

/** A readout from node rows to one row per graph; it has no parameters. */
export interface GraphPooling extends Module {
  readonly reduce: PoolingReduction;
  /** h [nodes, d], the graph of each node (0..graphs−1) → [graphs, d]; a graph with no nodes reads zero. */
  forward(h: Tensor, graphOf: Int32Array, graphs: number): Tensor;
}

/** Mean, max or sum of each graph's node rows, for a batch of graphs. */
export function graphPooling(options: GraphPoolingOptions = {}): GraphPooling {
  const reduce = oneOfValues('graphPooling', 'reduce', options.reduce ?? 'mean', Object.keys(REDUCTIONS) as PoolingReduction[]);
  const op = REDUCTIONS[reduce];
  return { ...moduleParts({}), reduce, forward: (h, graphOf, graphs) => op(h, graphOf, graphs) };
}
