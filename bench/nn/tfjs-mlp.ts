/**
 * Workloads (c) and (d) on tfjs: the MNIST MLP training step and the one-observation policy
 * forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import type { PreparedStep } from './engine.ts';
import { adam, constantOf, dense, denseVars, disposeAll, flatVars, readInto, reluMlp, type DenseVars } from './tfjs-common.ts';
import type { MnistWorkload, PolicyWorkload } from './workloads.ts';

/** (c): one Adam step on the mean softmax cross-entropy of a fixed batch. */
export function prepareMnist(w: MnistWorkload): PreparedStep {
  const layers = denseVars(w.layers);
  const vars = flatVars(layers);
  const images = constantOf(w.images);
  const labels = constantOf(w.labels);
  const optimizer = adam(w.learningRate);
  return {
    step(out) {
      const loss = tf.tidy(() => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, reluMlp(images, layers)) as tf.Scalar, true, vars)!);
      readInto(loss, out);
    },
    dispose: () => disposeAll([...vars, images, labels, optimizer]),
    liveTensors: () => tf.memory().numTensors,
  };
}

function tanhMlp(x: tf.Tensor2D, layers: readonly DenseVars[]): tf.Tensor2D {
  let h = x;
  layers.forEach((layer, i) => {
    h = dense(h, layer, false);
    if (i + 1 < layers.length) h = tf.tanh(h);
  });
  return h;
}

/** (d): each step uploads the next observation, runs the MLP and reads the action back. */
export function preparePolicy(w: PolicyWorkload): PreparedStep {
  const layers = denseVars(w.layers);
  const width = w.widths[0]!;
  const rows = w.observations.shape[0]!;
  let row = 0;
  return {
    step(out) {
      const observation = w.observations.values.subarray(row * width, (row + 1) * width);
      row = (row + 1) % rows;
      readInto(tf.tidy(() => tanhMlp(tf.tensor2d(observation, [1, width]), layers)), out);
    },
    dispose: () => disposeAll(flatVars(layers)),
    liveTensors: () => tf.memory().numTensors,
  };
}
