import { UsageError } from '../../core/errors.ts';
import type { TypedEdges } from '../modules/message-passing.ts';
import { tensor, type Tensor } from '../tensor/tensor.ts';

/*
 * The one graph format every program genotype is turned into before the discriminator reads
 * it: nodes with a feature row each (a multi-hot over the encoding's vocabulary of op names
 * and markers, then one real value), and directed edges typed by argument position. Every
 * data-flow edge is stored twice, forward with its position p and backward with type
 * positions + p, so information flows both from arguments to users and back.
 */

/** One program as a graph. */
export interface EncodedGraph {
  readonly nodes: number;
  /** [nodes, width] row-major: the vocabulary's multi-hot, then the value column. */
  readonly features: Float32Array;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly types: Int32Array;
}

/** How one kind of genotype becomes an `EncodedGraph`. */
export interface ProgramEncoder<G> {
  /** The encoding's registry name. */
  readonly kind: string;
  /** Token names of the multi-hot columns, in column order (the value column comes last). */
  readonly vocabulary: readonly string[];
  /** Feature columns per node: vocabulary.length + 1. */
  readonly width: number;
  /** Edge types: argument positions, both directions. */
  readonly edgeTypes: number;
  encode(g: G): EncodedGraph;
}

/** A squashed constant: sign(c)·log(1 + |c|), so a huge constant cannot swamp the other features; non-finite reads 0. */
export function squashValue(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.sign(value) * Math.log1p(Math.abs(value));
}

/** Collects nodes and edges of one program; `finish` packs them. */
export class GraphBuilder {
  private readonly rows: number[][] = [];
  private readonly values: number[] = [];
  private readonly edges: number[] = [];
  private readonly column: ReadonlyMap<string, number>;

  constructor(
    private readonly owner: string,
    private readonly vocabulary: readonly string[],
    private readonly positions: number,
  ) {
    this.column = new Map(vocabulary.map((token, i) => [token, i]));
  }

  /** A new node carrying `tokens` (each must be in the vocabulary) and `value`; returns its id. */
  node(tokens: readonly string[], value = 0): number {
    this.rows.push(tokens.map((token) => this.columnOf(token)));
    this.values.push(squashValue(value));
    return this.rows.length - 1;
  }

  /** Adds a token to an existing node (an output marker, say). */
  mark(node: number, token: string): void {
    this.rows[node]!.push(this.columnOf(token));
  }

  /** A data-flow edge from `from` into argument `position` of `to`, stored in both directions. */
  edge(from: number, to: number, position: number): void {
    if (!(position >= 0 && position < this.positions)) throw new UsageError(`${this.owner}: argument position ${position} outside 0..${this.positions - 1}`);
    this.edges.push(from, to, position, to, from, this.positions + position);
  }

  finish(): EncodedGraph {
    const width = this.vocabulary.length + 1;
    const nodes = this.rows.length;
    const features = new Float32Array(nodes * width);
    this.rows.forEach((columns, n) => {
      for (const c of columns) features[n * width + c] = 1;
      features[n * width + width - 1] = this.values[n]!;
    });
    const count = this.edges.length / 3;
    const sources = new Int32Array(count), targets = new Int32Array(count), types = new Int32Array(count);
    for (let e = 0; e < count; e++) {
      sources[e] = this.edges[3 * e]!;
      targets[e] = this.edges[3 * e + 1]!;
      types[e] = this.edges[3 * e + 2]!;
    }
    return { nodes, features, sources, targets, types };
  }

  private columnOf(token: string): number {
    const c = this.column.get(token);
    if (c === undefined) throw new UsageError(`${this.owner}: '${token}' is not in this encoding's vocabulary (${this.vocabulary.length} tokens); build the encoder from the space the program comes from`);
    return c;
  }
}

/** Many encoded programs as one disjoint union: what one forward pass of the discriminator reads. */
export interface GraphBatch {
  /** [all nodes, width]. */
  readonly features: Tensor;
  readonly edges: TypedEdges;
  /** The program (0..graphs−1) each node belongs to. */
  readonly graphOf: Int32Array;
  readonly graphs: number;
}

/** Packs `graphs` (all of one encoding's width) into one big graph with offset node ids. */
export function batchGraphs(graphs: readonly EncodedGraph[], width: number): GraphBatch {
  if (graphs.length === 0) throw new UsageError('batchGraphs: needs at least one graph');
  let nodes = 0, edges = 0;
  for (const g of graphs) {
    if (g.features.length !== g.nodes * width) throw new UsageError(`batchGraphs: a graph has ${g.features.length} feature values for ${g.nodes} nodes of width ${width}`);
    nodes += g.nodes;
    edges += g.sources.length;
  }
  const features = new Float32Array(nodes * width);
  const graphOf = new Int32Array(nodes);
  const sources = new Int32Array(edges), targets = new Int32Array(edges), types = new Int32Array(edges);
  let nodeAt = 0, edgeAt = 0;
  graphs.forEach((g, index) => {
    features.set(g.features, nodeAt * width);
    graphOf.fill(index, nodeAt, nodeAt + g.nodes);
    for (let e = 0; e < g.sources.length; e++) {
      sources[edgeAt + e] = g.sources[e]! + nodeAt;
      targets[edgeAt + e] = g.targets[e]! + nodeAt;
    }
    types.set(g.types, edgeAt);
    nodeAt += g.nodes;
    edgeAt += g.sources.length;
  });
  return { features: tensor(features, [nodes, width]), edges: { sources, targets, types }, graphOf, graphs: graphs.length };
}
