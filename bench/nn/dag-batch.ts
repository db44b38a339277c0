/**
 * A batch of random DAG programs as a graph-network input: node features, typed edges in both
 * directions, and the pair labels of workload (a). The generator is self-contained (not the
 * graph space's grower) so that every graph has exactly the same node count and the batch is a
 * fixed, engine-independent function of the seed.
 */
import type { Rng } from '../../src/core/rng.ts';
import type { HostTensor } from './host.ts';

/** The op vocabulary of the node one-hot: index 0 is a program input, the rest are operations. */
export const DAG_OPS: readonly { readonly name: string; readonly arity: number }[] = [
  { name: 'input', arity: 0 },
  { name: 'add', arity: 2 }, { name: 'sub', arity: 2 }, { name: 'mul', arity: 2 }, { name: 'div', arity: 2 },
  { name: 'max', arity: 2 }, { name: 'min', arity: 2 },
  { name: 'neg', arity: 1 }, { name: 'abs', arity: 1 }, { name: 'square', arity: 1 }, { name: 'sqrt', arity: 1 },
  { name: 'exp', arity: 1 }, { name: 'log', arity: 1 }, { name: 'sin', arity: 1 }, { name: 'cos', arity: 1 },
  { name: 'tanh', arity: 1 },
];

/** Feature width: the op one-hot plus two marker bits (is the output; has no consumer). */
export const DAG_FEATURES = DAG_OPS.length + 2;

/** Edge types: forward (argument → user) by argument position, then backward (user → argument). */
export const DAG_EDGE_TYPES = 4;

/** Edges of one type over the batch's global node indices (graph g, node i → g·nodes + i). */
export interface TypedEdges {
  readonly source: Int32Array;
  readonly target: Int32Array;
}

/** A batch of equal-sized graphs. */
export interface DagBatch {
  readonly graphs: number;
  readonly nodesPerGraph: number;
  /** [graphs · nodesPerGraph, DAG_FEATURES], rows in global node order. */
  readonly features: HostTensor;
  /** One entry per edge type, in the order of DAG_EDGE_TYPES. */
  readonly edges: readonly TypedEdges[];
  /** The op index of every node, global node order. */
  readonly ops: Int32Array;
}

/**
 * Draws `graphs` DAGs of `nodes` nodes: nodes 0 and 1 are inputs; node i ≥ 2 takes an op drawn
 * uniformly from DAG_OPS[1..] and each argument drawn uniformly from nodes 0..i−1 (repeats allowed).
 * The last node is the output. Draw order: per graph, per node, op then arguments.
 */
export function randomDagBatch(rng: Rng, graphs: number, nodes: number): DagBatch {
  const total = graphs * nodes;
  const features = new Float32Array(total * DAG_FEATURES);
  const ops = new Int32Array(total);
  const sources: number[][] = Array.from({ length: DAG_EDGE_TYPES }, () => []);
  const targets: number[][] = Array.from({ length: DAG_EDGE_TYPES }, () => []);
  for (let g = 0; g < graphs; g++) {
    const base = g * nodes;
    const consumed = new Uint8Array(nodes);
    for (let i = 0; i < nodes; i++) {
      const op = i < 2 ? 0 : 1 + rng.int(DAG_OPS.length - 1);
      ops[base + i] = op;
      for (let position = 0; position < DAG_OPS[op]!.arity; position++) {
        const argument = rng.int(i);
        consumed[argument] = 1;
        sources[position]!.push(base + argument);
        targets[position]!.push(base + i);
        sources[2 + position]!.push(base + i);
        targets[2 + position]!.push(base + argument);
      }
    }
    for (let i = 0; i < nodes; i++) {
      const row = (base + i) * DAG_FEATURES;
      features[row + ops[base + i]!] = 1;
      if (i === nodes - 1) features[row + DAG_OPS.length] = 1;
      if (consumed[i] === 0) features[row + DAG_OPS.length + 1] = 1;
    }
  }
  const edges = sources.map((source, t) => ({ source: Int32Array.from(source), target: Int32Array.from(targets[t]!) }));
  return { graphs, nodesPerGraph: nodes, features: { shape: [total, DAG_FEATURES], values: features }, edges, ops };
}

/** The total number of edges over all types. */
export function edgeCount(batch: DagBatch): number {
  return batch.edges.reduce((sum, e) => sum + e.source.length, 0);
}

/**
 * Pair labels: pair p joins graph p (side A) and graph pairs + p (side B); its label is 1 when A
 * holds more nodes of op `countedOp` than B, else 0. A learnable target, so a trained model's
 * loss can fall.
 */
export function pairLabels(batch: DagBatch, pairs: number, countedOp: number): HostTensor {
  const count = (g: number): number => {
    let c = 0;
    for (let i = 0; i < batch.nodesPerGraph; i++) if (batch.ops[g * batch.nodesPerGraph + i] === countedOp) c++;
    return c;
  };
  const values = new Float32Array(pairs);
  for (let p = 0; p < pairs; p++) values[p] = count(p) > count(pairs + p) ? 1 : 0;
  return { shape: [pairs, 1], values };
}
