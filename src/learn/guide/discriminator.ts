import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { relu, sub } from '../tensor/elementwise.ts';
import { concat, reshape, slice } from '../tensor/shape-ops.ts';
import { gather } from '../tensor/segment.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { globalAttention, type GlobalAttention } from '../modules/global-attention.ts';
import { graphPooling } from '../modules/graph-pooling.ts';
import { linear, type Linear } from '../modules/linear.ts';
import { messagePassing, type MessagePassing } from '../modules/message-passing.ts';
import { mlp, type Mlp } from '../modules/mlp.ts';
import { checkModuleOptions, moduleParts, type Module, type ModuleOptions } from '../modules/module.ts';
import type { GraphBatch } from './encoded-graph.ts';

/*
 * The pairwise discriminator of guided evolution (Co-Reyes, Miao et al. 2024): a graph network
 * embeds each program, and a head on [eA, eB, eA − eB] scores the pair. The probability that
 * A is better than B is σ(f(A, B) − f(B, A)), so P(A > B) = 1 − P(B > A) holds exactly, by
 * construction, for any weights: the logit of a reversed pair is the same two numbers
 * subtracted the other way round.
 */

/** Options of `pairDiscriminator`. */
export interface DiscriminatorOptions extends ModuleOptions {
  /** Feature columns per node (the encoding's width). */
  readonly inputSize: number;
  /** The encoding's edge types. */
  readonly edgeTypes: number;
  /** Width of node rows and embeddings (default 64). */
  readonly width?: number;
  /** Message-passing layers (default 3). */
  readonly layers?: number;
  /** Attention heads of the global-attention layer (default 4; 0 leaves the layer out). */
  readonly heads?: number;
}

/** A graph embedder with an antisymmetric pair head. */
export interface Discriminator extends Module {
  readonly width: number;
  /** One embedding row per graph of the batch: [graphs, width]. */
  embed(batch: GraphBatch): Tensor;
  /** Logits of P(graph a[i] better than graph b[i]) over rows of `embeddings`: [pairs]. */
  pairLogits(embeddings: Tensor, a: Int32Array, b: Int32Array): Tensor;
}

/** A GIN + global-attention graph network with mean and max pooling and an antisymmetric pair head. */
export function pairDiscriminator(options: DiscriminatorOptions): Discriminator {
  const owner = 'pairDiscriminator';
  const dtype = checkModuleOptions(owner, options);
  const inputSize = wholeNumber(owner, 'inputSize', options.inputSize, 1);
  const edgeTypes = wholeNumber(owner, 'edgeTypes', options.edgeTypes, 1);
  const width = wholeNumber(owner, 'width', options.width ?? 64, 1);
  const depth = wholeNumber(owner, 'layers', options.layers ?? 3, 1, 16);
  const heads = wholeNumber(owner, 'heads', options.heads ?? 4, 0);
  if (heads > 0 && width % heads !== 0) throw new UsageError(`${owner}: heads (${heads}) must divide width (${width})`);
  const rng = options.rng;
  const input: Linear = linear({ inputSize, outputSize: width, rng, dtype });
  const layers: MessagePassing[] = Array.from({ length: depth }, () => messagePassing({ inputSize: width, edgeTypes, outputActivation: 'relu', rng, dtype }));
  const attention: GlobalAttention[] = heads > 0 ? [globalAttention({ size: width, heads, rng, dtype })] : [];
  const meanPool = graphPooling({ reduce: 'mean' });
  const maxPool = graphPooling({ reduce: 'max' });
  const readout: Linear = linear({ inputSize: 2 * width, outputSize: width, rng, dtype });
  const head: Mlp = mlp({ sizes: [3 * width, width, 1], rng, dtype });

  const embed = (batch: GraphBatch): Tensor => {
    let h = relu(input.forward(batch.features));
    for (const layer of layers) h = layer.forward(h, batch.edges);
    for (const layer of attention) h = layer.forward(h, batch.graphOf, batch.graphs);
    const pooled = concat([meanPool.forward(h, batch.graphOf, batch.graphs), maxPool.forward(h, batch.graphOf, batch.graphs)], 1);
    return readout.forward(pooled);
  };
  const pairLogits = (embeddings: Tensor, a: Int32Array, b: Int32Array): Tensor => {
    if (a.length !== b.length || a.length === 0) throw new UsageError(`${owner}: needs as many a as b indices, at least one (got ${a.length} and ${b.length})`);
    const ea = gather(embeddings, a), eb = gather(embeddings, b);
    // Both orders in one pass of the head: rows 0..P−1 are (A, B), rows P..2P−1 are (B, A).
    const both = concat([concat([ea, eb, sub(ea, eb)], 1), concat([eb, ea, sub(eb, ea)], 1)], 0);
    const scores = reshape(head.forward(both), [2 * a.length]);
    return sub(slice(scores, [0], [a.length]), slice(scores, [a.length], [a.length]));
  };
  return { ...moduleParts({ input, layers, attention, readout, head }), width, embed, pairLogits };
}
