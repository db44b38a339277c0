/**
 * Workload (a) on the engine of src/learn/: the pairwise graph discriminator, forward and
 * backward, per workload-discriminator.ts. The message passing is the engine's GIN layer
 * (`messagePassing`: one `messageSum` op, the per-type neighbour sums and their products in
 * WebAssembly); the attention, which the workload specifies without biases or a norm, is
 * composed from tensor ops.
 */
import { Rng } from '../../src/core/rng.ts';
import { messagePassing, type MessagePassing, type TypedEdges } from '../../src/learn/modules/index.ts';
import {
  add, binaryCrossEntropyWithLogits, concat, gradients, matmul, mul, recycling, reshape, segmentMax, segmentMean, slice, softmax, sub,
  type Tensor,
} from '../../src/learn/tensor/index.ts';
import type { PreparedStep } from './engine.ts';
import { constantOf, loadedMlp, parameterOf } from './own-common.ts';
import type { DiscriminatorWorkload, GinLayerParams } from './workload-discriminator.ts';

/** The batch's edges of every type as one typed list, as `messagePassing` takes them. */
function typedEdges(w: DiscriminatorWorkload): TypedEdges {
  const total = w.graphs.edges.reduce((n, e) => n + e.source.length, 0);
  const sources = new Int32Array(total), targets = new Int32Array(total), types = new Int32Array(total);
  let at = 0;
  w.graphs.edges.forEach((e, type) => {
    sources.set(e.source, at);
    targets.set(e.target, at);
    types.fill(type, at, at + e.source.length);
    at += e.source.length;
  });
  return { sources, targets, types };
}

/** A GIN layer holding the workload's weights: ε, the edge weights stacked [types, H, H], the ReLU MLP. */
function loadedGinLayer(l: GinLayerParams, width: number): MessagePassing {
  const layer = messagePassing({
    inputSize: width, edgeTypes: l.edgeWeights.length, hiddenSizes: [width], activation: 'relu', outputActivation: 'relu', rng: new Rng(0),
  });
  l.edgeWeights.forEach((weight, t) => layer.edgeWeight.data.set(weight.values, t * width * width));
  layer.epsilon!.data.set(l.epsilon.values);
  layer.update.layers.forEach((linear, i) => {
    linear.weight.data.set(l.mlp[i]!.weight.values);
    linear.bias!.data.set(l.mlp[i]!.bias.values);
  });
  return layer;
}

/** Per-graph max pooling: h [nodes, H], each node's graph → [graphs, H]. */
export type MaxPool = (h: Tensor, graphOf: Int32Array, graphs: number) => Tensor;

/**
 * Prepares the discriminator's forward and backward pass. `maxPool` replaces the engine's
 * `segmentMax` (whose gradient goes to the first maximal node of a tie), so that a test can
 * run tfjs's rule instead (every tied node receives the whole gradient).
 */
export function prepareDiscriminator(w: DiscriminatorWorkload, maxPool: MaxPool = segmentMax): PreparedStep {
  const { graphs, nodesPerGraph: n } = w.graphs;
  const H = w.width;
  const nodes = graphs * n;
  const embed = loadedMlp([w.embed], 'identity');
  const layers = w.layers.map((l) => loadedGinLayer(l, H));
  const [wq, wk, wv, wo] = [w.attention.query, w.attention.key, w.attention.value, w.attention.output].map(parameterOf) as [Tensor, Tensor, Tensor, Tensor];
  const head = loadedMlp(w.head, 'relu');
  const params = [...embed.parameters(), ...layers.flatMap((l) => l.parameters()), wq, wk, wv, wo, ...head.parameters()];
  const features = constantOf(w.graphs.features);
  const labels = constantOf(w.labels);
  const edges = typedEdges(w);
  const graphOf = Int32Array.from({ length: nodes }, (_, v) => Math.floor(v / n));

  const loss = (): Tensor => {
    let h = embed.forward(features);
    for (const layer of layers) h = layer.forward(h, edges);
    const perGraph = (x: Tensor): Tensor => reshape(x, [graphs, n, H]);
    const scores = mul(matmul(perGraph(matmul(h, wq)), perGraph(matmul(h, wk)), { transposeB: true }), 1 / Math.sqrt(H));
    const mixed = reshape(matmul(softmax(scores), perGraph(matmul(h, wv))), [nodes, H]);
    h = add(h, matmul(mixed, wo));
    const embedding = concat([segmentMean(h, graphOf, graphs), maxPool(h, graphOf, graphs)], 1);
    const sideA = slice(embedding, [0, 0], [w.pairs, -1]);
    const sideB = slice(embedding, [w.pairs, 0], [w.pairs, -1]);
    const logits = head.forward(concat([sideA, sideB, sub(sideA, sideB)], 1));
    return binaryCrossEntropyWithLogits(logits, labels);
  };

  return {
    step(out) {
      recycling(() => {
        const value = loss();
        const grads = gradients(value, params);
        let normSquared = 0;
        for (const g of grads) for (let i = 0; i < g.data.length; i++) normSquared += g.data[i]! * g.data[i]!;
        out[0] = value.item();
        out[1] = normSquared;
      });
    },
    dispose: () => undefined,
  };
}
