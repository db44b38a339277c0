import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { add, mul } from '../tensor/elementwise.ts';
import { matmul } from '../tensor/matmul.ts';
import { layerNorm, softmax } from '../tensor/nn-ops.ts';
import { gather } from '../tensor/segment.ts';
import { reshape, slice, transpose } from '../tensor/shape-ops.ts';
import { full, ones, parameter, shapeText, zeros, type Tensor } from '../tensor/tensor.ts';
import { linear, type Linear } from './linear.ts';
import { checkModuleOptions, moduleParts, type Module, type ModuleOptions } from './module.ts';
import { padGraphs } from './padded-graphs.ts';

/*
 * The global-attention half of a GraphGPS layer (Rampášek et al. 2022): multi-head
 * self-attention in which each node attends to every node of its own graph and no other,
 * then a residual and a layer norm: h' = LayerNorm(h + Attention(h)). A batch of many small
 * graphs is padded to [graphs, maxNodes, ·] so each graph's attention is one small batched
 * product; padded keys are masked out and padded queries dropped, so graphs never mix.
 */

/** Options of `globalAttention`. */
export interface GlobalAttentionOptions extends ModuleOptions {
  /** Width of the node rows (in and out). */
  readonly size: number;
  /** Number of attention heads; must divide size (default 1). */
  readonly heads?: number;
}

/** GPS-style self-attention within each graph, with residual and layer norm. */
export interface GlobalAttention extends Module {
  readonly size: number;
  readonly heads: number;
  /** [size, 3·size]: queries, keys and values side by side. */
  readonly inProjection: Linear;
  readonly outProjection: Linear;
  /** The layer norm's scale (ones) and shift (zeros), each [size], named `norm.gamma`, `norm.beta`. */
  readonly norm: { readonly gamma: Tensor; readonly beta: Tensor };
  /** h [nodes, size], the graph of each node (0..graphs−1) → [nodes, size]. */
  forward(h: Tensor, graphOf: Int32Array, graphs: number): Tensor;
}

/** A key mask [graphs, 1, 1, maxNodes]: 0 where a slot holds a node, a large negative number where it is padding. */
function keyMask(counts: Int32Array, maxNodes: number, like: Tensor): Tensor {
  const mask = full([counts.length, 1, 1, maxNodes], 0, like.dtype);
  counts.forEach((count, g) => mask.data.fill(-1e9, g * maxNodes + count, (g + 1) * maxNodes));
  return mask;
}

/** Multi-head self-attention restricted to each graph, plus a residual and a layer norm. */
export function globalAttention(options: GlobalAttentionOptions): GlobalAttention {
  const owner = 'globalAttention';
  const dtype = checkModuleOptions(owner, options);
  const size = wholeNumber(owner, 'size', options.size, 1);
  const heads = wholeNumber(owner, 'heads', options.heads ?? 1, 1);
  if (size % heads !== 0) throw new UsageError(`${owner}: heads (${heads}) must divide size (${size})`);
  const headSize = size / heads;
  const inProjection = linear({ inputSize: size, outputSize: 3 * size, rng: options.rng, dtype });
  const outProjection = linear({ inputSize: size, outputSize: size, rng: options.rng, dtype });
  const norm = { gamma: parameter(ones([size], dtype)), beta: parameter(zeros([size], dtype)) };
  const forward = (h: Tensor, graphOf: Int32Array, graphs: number): Tensor => {
    if (h.rank !== 2 || h.shape[1] !== size) throw new UsageError(`${owner}: h must be [nodes, ${size}], got ${shapeText(h.shape)}`);
    const layout = padGraphs(owner, graphOf, h.shape[0]!, graphs);
    if (layout.slotOfNode.length === 0) return h;
    const m = layout.maxNodes;
    // [slots, 3·size] → [3 (q, k, v), graphs, heads, maxNodes, headSize].
    const padded = transpose(reshape(gather(inProjection.forward(h), layout.nodeOfSlot), [graphs, m, 3, heads, headSize]), [2, 0, 3, 1, 4]);
    const [q, k, v] = [0, 1, 2].map((which) =>
      reshape(slice(padded, [which, 0, 0, 0, 0], [1, -1, -1, -1, -1]), [graphs, heads, m, headSize])) as [Tensor, Tensor, Tensor];
    const scores = matmul(mul(q, 1 / Math.sqrt(headSize)), k, { transposeB: true });
    const weights = softmax(layout.padded ? add(scores, keyMask(layout.counts, m, scores)) : scores);
    const context = reshape(transpose(matmul(weights, v), [0, 2, 1, 3]), [graphs * m, size]);
    const attended = outProjection.forward(gather(context, layout.slotOfNode));
    return layerNorm(add(h, attended), norm.gamma, norm.beta);
  };
  return { ...moduleParts({ inProjection, outProjection, norm: moduleParts(norm) }), size, heads, inProjection, outProjection, norm, forward };
}
