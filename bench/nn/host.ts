/**
 * Plain host-side tensors and layer parameters, shared by every engine in bench/nn.ts: a
 * workload hands each engine the same initial values, so two engines start from identical
 * weights and their first-step losses can be compared number for number.
 */
import type { Rng } from '../../src/core/rng.ts';

/** A dense float32 array in row-major order with its shape. */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** A fully connected layer y = x·weight + bias, with weight of shape [in, out] and bias [out]. */
export interface LinearParams {
  readonly weight: HostTensor;
  readonly bias: HostTensor;
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[]): HostTensor {
  return { shape, values: new Float32Array(sizeOf(shape)) };
}

/** A tensor filled with `value`. */
export function filled(shape: readonly number[], value: number): HostTensor {
  return { shape, values: new Float32Array(sizeOf(shape)).fill(value) };
}

/** A tensor of independent uniform draws in [min, max), drawn in row-major order. */
export function uniform(rng: Rng, shape: readonly number[], min: number, max: number): HostTensor {
  const values = new Float32Array(sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(min, max);
  return { shape, values };
}

/** A tensor of independent standard normal draws, in row-major order. */
export function normal(rng: Rng, shape: readonly number[]): HostTensor {
  const values = new Float32Array(sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = rng.normal();
  return { shape, values };
}

/** A [in, out] weight drawn Glorot-uniform, U(−l, l) with l = √(6 / (in + out)). */
export function glorotUniform(rng: Rng, inputs: number, outputs: number): HostTensor {
  const limit = Math.sqrt(6 / (inputs + outputs));
  return uniform(rng, [inputs, outputs], -limit, limit);
}

/** A Linear layer: Glorot-uniform weight, zero bias. */
export function linear(rng: Rng, inputs: number, outputs: number): LinearParams {
  return { weight: glorotUniform(rng, inputs, outputs), bias: zeros([outputs]) };
}

/** The layers of an MLP with the given widths (input first), drawn layer by layer. */
export function mlp(rng: Rng, widths: readonly number[]): LinearParams[] {
  const layers: LinearParams[] = [];
  for (let i = 0; i + 1 < widths.length; i++) layers.push(linear(rng, widths[i]!, widths[i + 1]!));
  return layers;
}

/** A deep copy, so a target network starts equal to its source but owns its storage. */
export function copyLayers(layers: readonly LinearParams[]): LinearParams[] {
  const copy = (t: HostTensor): HostTensor => ({ shape: [...t.shape], values: t.values.slice() });
  return layers.map((l) => ({ weight: copy(l.weight), bias: copy(l.bias) }));
}

/** Multiply-add FLOPs (2 per multiply-add) of one forward pass of an MLP over `batch` rows. */
export function mlpForwardFlops(widths: readonly number[], batch: number): number {
  let flops = 0;
  for (let i = 0; i + 1 < widths.length; i++) flops += 2 * batch * widths[i]! * widths[i + 1]!;
  return flops;
}
