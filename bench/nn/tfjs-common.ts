/**
 * Small tfjs helpers shared by the tfjs workloads: variables from host tensors, dense layers
 * (tfjs's fused matMul + bias + activation, the kernel tf.layers itself uses), and Adam with
 * the bench's constants.
 */
import * as tf from '@tensorflow/tfjs';
import type { HostTensor, LinearParams } from './host.ts';
import { ADAM } from './workloads.ts';

/** A Linear layer held as two tfjs variables. */
export interface DenseVars {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
}

/** A constant tensor with a copy of the host values (tfjs's cpu backend would alias the array). */
export function constantOf(t: HostTensor): tf.Tensor {
  return tf.tensor(t.values.slice(), [...t.shape], 'float32');
}

/** A trainable variable holding a copy of the host values. */
export function variableOf(t: HostTensor): tf.Variable {
  const initial = constantOf(t);
  const variable = tf.variable(initial);
  initial.dispose();
  return variable;
}

/** Variables for each layer of an MLP. */
export function denseVars(layers: readonly LinearParams[]): DenseVars[] {
  return layers.map((l) => ({ weight: variableOf(l.weight), bias: variableOf(l.bias) }));
}

/** Every variable of some dense layers, flat, for an optimizer's var list. */
export function flatVars(layers: readonly DenseVars[]): tf.Variable[] {
  return layers.flatMap((l) => [l.weight, l.bias]);
}

/** x·W + b with an optional fused ReLU. */
export function dense(x: tf.Tensor, layer: DenseVars, relu: boolean): tf.Tensor2D {
  return tf.fused.matMul({ a: x as tf.Tensor2D, b: layer.weight as tf.Tensor2D, bias: layer.bias, activation: relu ? 'relu' : 'linear' }) as tf.Tensor2D;
}

/** An MLP with ReLU between layers and a linear last layer. */
export function reluMlp(x: tf.Tensor, layers: readonly DenseVars[]): tf.Tensor2D {
  let h = x as tf.Tensor2D;
  layers.forEach((layer, i) => {
    h = dense(h, layer, i + 1 < layers.length);
  });
  return h;
}

/** tf.train.adam with the bench's β1, β2 and ε (tfjs's default ε is 1e-7). */
export function adam(learningRate: number): tf.AdamOptimizer {
  return tf.train.adam(learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
}

/** Disposes tensors, variables and optimizers alike. */
export function disposeAll(items: readonly (tf.Tensor | tf.Optimizer)[]): void {
  for (const item of items) item.dispose();
}

/** Copies a small result tensor into `out` with one read-back, then frees it. */
export function readInto(result: tf.Tensor, out: Float64Array): void {
  const values = result.dataSync();
  for (let i = 0; i < out.length; i++) out[i] = values[i]!;
  result.dispose();
}
