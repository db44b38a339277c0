/**
 * Workloads (c) and (d) on the engine of src/learn/: the MNIST MLP training step and the
 * one-observation policy forward pass (the MLP's compiled batch-1 predictor). Training steps
 * run inside `recycling`, so one step's intermediate tensors lend their storage to the next.
 */
import { crossEntropy, gradients, recycling } from '../../src/learn/tensor/index.ts';
import type { PreparedStep } from './engine.ts';
import { adamOver, constantOf, loadedMlp } from './own-common.ts';
import type { MnistWorkload, PolicyWorkload } from './workloads.ts';

/** The class index of each one-hot row. */
function classIndices(oneHot: Float32Array, classes: number): Int32Array {
  const labels = new Int32Array(oneHot.length / classes);
  for (let r = 0; r < labels.length; r++) labels[r] = oneHot.subarray(r * classes, (r + 1) * classes).indexOf(1);
  return labels;
}

/** (c): one Adam step on the mean softmax cross-entropy of a fixed batch. */
export function prepareMnist(w: MnistWorkload): PreparedStep {
  const net = loadedMlp(w.layers, 'relu');
  const params = net.parameters();
  const images = constantOf(w.images);
  const labels = classIndices(w.labels.values, w.labels.shape[1]!);
  const opt = adamOver(params, w.learningRate);
  return {
    step(out) {
      recycling(() => {
        const loss = crossEntropy(net.forward(images), labels);
        opt.step(gradients(loss, params));
        out[0] = loss.item();
      });
    },
    dispose: () => undefined,
  };
}

/** (d): each step passes the next observation row to the predictor and reads the action. */
export function preparePolicy(w: PolicyWorkload): PreparedStep {
  const predict = loadedMlp(w.layers, 'tanh').predictor();
  const width = w.widths[0]!;
  const rows = w.observations.shape[0]!;
  const observations = w.observations.values;
  // The control loop's own observation buffer, refilled every step (a view per step would allocate).
  const observation = new Float32Array(width);
  let row = 0;
  return {
    step(out) {
      for (let i = 0; i < width; i++) observation[i] = observations[row * width + i]!;
      out[0] = predict(observation)[0]!;
      row = (row + 1) % rows;
    },
    dispose: () => undefined,
  };
}
