/**
 * Workload (a) on tfjs: the pairwise graph discriminator, forward and backward, per
 * workload-discriminator.ts. tfjs's wasm backend has no UnsortedSegmentSum kernel (which the
 * gradient of gather needs), so neighbour sums are batched matrix products with each graph's
 * 20 × 20 edge-count matrix per type: the same sums, on the kernel tfjs runs best.
 */
import * as tf from '@tensorflow/tfjs';
import type { PreparedStep } from './engine.ts';
import { dense, denseVars, disposeAll, flatVars, readInto, variableOf, type DenseVars } from './tfjs-common.ts';
import type { DiscriminatorWorkload } from './workloads.ts';

/** Per edge type, A_t[g, v, u] = the number of type-t edges from node u to node v of graph g. */
function adjacencyCounts(w: DiscriminatorWorkload): tf.Tensor3D[] {
  const { graphs, nodesPerGraph: n } = w.graphs;
  return w.graphs.edges.map(({ source, target }) => {
    const counts = new Float32Array(graphs * n * n);
    for (let e = 0; e < source.length; e++) {
      const g = Math.floor(target[e]! / n);
      counts[g * n * n + (target[e]! % n) * n + (source[e]! % n)]! += 1;
    }
    return tf.tensor3d(counts, [graphs, n, n]);
  });
}

interface LayerVars {
  readonly epsilon: tf.Variable;
  /** One [H, H] weight per edge type, concatenated at each step so all messages take one product. */
  readonly edgeWeights: tf.Variable[];
  readonly mlp: DenseVars[];
}

/** Prepares the discriminator on the active tfjs backend. */
export function prepareDiscriminator(w: DiscriminatorWorkload): PreparedStep {
  const { graphs, nodesPerGraph: n } = w.graphs;
  const H = w.width;
  const nodes = graphs * n;
  const embed = denseVars([w.embed])[0]!;
  const layers: LayerVars[] = w.layers.map((l) => ({ epsilon: variableOf(l.epsilon), edgeWeights: l.edgeWeights.map(variableOf), mlp: denseVars(l.mlp) }));
  const attention = [w.attention.query, w.attention.key, w.attention.value, w.attention.output].map(variableOf) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const head = denseVars(w.head);
  const vars = [...flatVars([embed]), ...layers.flatMap((l) => [l.epsilon, ...l.edgeWeights, ...flatVars(l.mlp)]), ...attention, ...flatVars(head)];
  const features = tf.tensor2d(w.graphs.features.values.slice(), [nodes, w.graphs.features.shape[1]!]);
  const adjacency = adjacencyCounts(w);
  const labels = tf.tensor2d(w.labels.values.slice(), [w.pairs, 1]);

  const loss = (): tf.Scalar => {
    let h = dense(features, embed, false);
    for (const layer of layers) {
      const h3 = h.reshape([graphs, n, H]);
      const messages = tf.concat(adjacency.map((a) => tf.matMul(a, h3)), 2).reshape([nodes, adjacency.length * H]);
      const z = tf.add(tf.mul(h, tf.add(1, layer.epsilon)), tf.matMul(messages, tf.concat(layer.edgeWeights, 0)));
      h = dense(dense(z, layer.mlp[0]!, true), layer.mlp[1]!, true);
    }
    const [wq, wk, wv, wo] = attention;
    const perGraph = (x: tf.Tensor2D): tf.Tensor3D => x.reshape([graphs, n, H]);
    const scores = tf.div(tf.matMul(perGraph(tf.matMul(h, wq)), perGraph(tf.matMul(h, wk)), false, true), Math.sqrt(H));
    const mixed = tf.matMul(tf.softmax(scores), perGraph(tf.matMul(h, wv))).reshape([nodes, H]);
    h = tf.add(h, tf.matMul(mixed, wo));
    const h3 = perGraph(h);
    const embedding = tf.concat([tf.mean(h3, 1), tf.max(h3, 1)], 1);
    const [sideA, sideB] = tf.split(embedding, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const pair = tf.concat([sideA, sideB, tf.sub(sideA, sideB)], 1);
    const logits = dense(dense(pair, head[0]!, true), head[1]!, false);
    return tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
  };

  return {
    step(out) {
      readInto(tf.tidy(() => {
        const { value, grads } = tf.variableGrads(loss, vars);
        const normSquared = tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))));
        return tf.stack([value, normSquared]);
      }), out);
    },
    dispose: () => disposeAll([...vars, features, labels, ...adjacency]),
    liveTensors: () => tf.memory().numTensors,
  };
}
