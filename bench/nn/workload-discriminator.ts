/**
 * Workload (a): the guided-evolution discriminator, a graph network over pairs of programs,
 * forward and backward.
 *
 * Input: 128 graphs of 20 nodes (2560 nodes; see dag-batch.ts), features X [2560, 18], typed
 * edge lists E_t (t = 0..3), 64 pairs: pair p joins graph p (side A) and graph 64 + p (side B).
 * Width H = 64. With (A_t h)[v] = Σ over edges e of type t with target v of h[source(e)]:
 *
 *   h   = X·W_embed + b_embed                                   (no activation)
 *   for each of 4 layers ℓ:                                     (GIN-ε with typed messages)
 *     z = (1 + ε_ℓ)·h + Σ_t (A_t h)·W_ℓ,t                       (ε_ℓ a learned scalar, init 0)
 *     h = relu(relu(z·W_ℓ,1 + b_ℓ,1)·W_ℓ,2 + b_ℓ,2)
 *   global attention, single head, within each graph (20 × 20 scores):
 *     Q = h·W_q, K = h·W_k, V = h·W_v                           (no biases)
 *     h = h + softmax_rows(Q·Kᵀ / √H)·V·W_o
 *   e_g = [mean over g's nodes of h, max over g's nodes of h]   (2H = 128)
 *   u_p = [e_A, e_B, e_A − e_B]                                 (6H = 384)
 *   logit_p = relu(u_p·W_h1 + b_h1)·W_h2 + b_h2                 (384 → 64 → 1)
 *   loss = mean_p [max(z, 0) − z·y_p + log(1 + e^{−|z|})]       (binary cross-entropy, z = logit_p)
 *   y_p = 1 when graph A holds more `mul` nodes than graph B, else 0
 *
 * A step computes the loss and the gradient of every parameter, and reads back the loss and
 * the squared global gradient norm Σ‖∂loss/∂θ‖² (what gradient clipping needs); no optimizer
 * step. Draws: embed, then per layer (W_ℓ,0..3, then the MLP's two Linears), then W_q, W_k,
 * W_v, W_o, then the head's two Linears (all Glorot-uniform, zero biases), then the graphs.
 */
import type { Rng } from '../../src/core/rng.ts';
import { DAG_EDGE_TYPES, DAG_FEATURES, edgeCount, pairLabels, randomDagBatch, type DagBatch } from './dag-batch.ts';
import { glorotUniform, linear, mlp, zeros, type HostTensor, type LinearParams } from './host.ts';
import type { WorkloadHeader } from './workloads.ts';

/** One message-passing layer's parameters. */
export interface GinLayerParams {
  /** [1], the learned ε. */
  readonly epsilon: HostTensor;
  /** One [H, H] weight per edge type. */
  readonly edgeWeights: readonly HostTensor[];
  /** The layer's two-Linear MLP, H → H → H. */
  readonly mlp: readonly LinearParams[];
}

/** The attention layer's four [H, H] weights. */
export interface AttentionParams {
  readonly query: HostTensor;
  readonly key: HostTensor;
  readonly value: HostTensor;
  readonly output: HostTensor;
}

/** The spec and data of workload (a). */
export interface DiscriminatorWorkload extends WorkloadHeader {
  readonly kind: 'discriminator';
  readonly pairs: number;
  readonly width: number;
  readonly graphs: DagBatch;
  /** [pairs, 1] of 0/1. */
  readonly labels: HostTensor;
  readonly embed: LinearParams;
  readonly layers: readonly GinLayerParams[];
  readonly attention: AttentionParams;
  /** Two Linears, 6H → H → 1. */
  readonly head: readonly LinearParams[];
}

/** Matrix-product FLOPs of one forward pass (aggregation over edges counted as 1 per add). */
export function discriminatorForwardFlops(w: Pick<DiscriminatorWorkload, 'graphs' | 'pairs' | 'width' | 'layers'>): number {
  const H = w.width;
  const nodes = w.graphs.graphs * w.graphs.nodesPerGraph;
  const n = w.graphs.nodesPerGraph;
  const embed = 2 * nodes * DAG_FEATURES * H;
  const layer = edgeCount(w.graphs) * H + DAG_EDGE_TYPES * 2 * nodes * H * H + 2 * 2 * nodes * H * H;
  const attention = 4 * 2 * nodes * H * H + 2 * 2 * w.graphs.graphs * n * n * H;
  const head = 2 * w.pairs * (6 * H * H + H);
  return embed + w.layers.length * layer + attention + head;
}

/** Builds workload (a): 64 pairs of 20-node graphs, 4 layers of width 64. */
export function discriminatorWorkload(rng: Rng, pairs = 64, nodes = 20, width = 64, depth = 4): DiscriminatorWorkload {
  const embed = linear(rng, DAG_FEATURES, width);
  const layers: GinLayerParams[] = [];
  for (let l = 0; l < depth; l++) {
    const edgeWeights = Array.from({ length: DAG_EDGE_TYPES }, () => glorotUniform(rng, width, width));
    layers.push({ epsilon: zeros([1]), edgeWeights, mlp: mlp(rng, [width, width, width]) });
  }
  const attention = {
    query: glorotUniform(rng, width, width), key: glorotUniform(rng, width, width),
    value: glorotUniform(rng, width, width), output: glorotUniform(rng, width, width),
  };
  const head = mlp(rng, [6 * width, width, 1]);
  const graphs = randomDagBatch(rng, 2 * pairs, nodes);
  const labels = pairLabels(graphs, pairs, 3);
  const spec = { graphs, pairs, width, layers };
  return {
    kind: 'discriminator', id: 'discriminator', letter: 'a',
    title: `GNN discriminator, ${pairs} pairs × ${nodes} nodes, ${depth}×${width}, fwd+bwd`,
    flopsPerStep: 3 * discriminatorForwardFlops(spec), outputs: ['loss', 'gradNormSquared'],
    ...spec, labels, embed, attention, head,
  };
}
