/**
 * A float32 dense layer, y = act(x·W + b) with act identity or relu, and its gradient, each as
 * one pass through the kernel memory: the operands are copied in once, the product, the bias
 * and activation (forward) or the activation's gradient, the bias's and both products
 * (backward) run on them in place, and only the results are copied out. Against the product
 * in WebAssembly and the rest in JavaScript, that saves a JavaScript pass over the output
 * each way and, backward, one copy of the pre-activation gradient into the kernel memory.
 */
import type { GradientTarget } from './matmul.ts';
import { matmulInMemory } from './matmul-wasm.ts';
import { rowKernels } from './rows-wasm.ts';

/** The activations the fused layer runs in WebAssembly. */
export type WasmDenseActivation = 'identity' | 'relu';

/** Whether the fused kernels take this layer: vector-wide rows (outputs a multiple of 4). */
export function wasmDenseFits(outputs: number): boolean {
  return outputs % 4 === 0;
}

/** y (rows × outputs) = act(x (rows × inputs) · W (inputs × outputs) + bias); bias null is zero. */
export function denseForwardWasm(
  x: Float32Array, weight: Float32Array, bias: Float32Array | null, y: Float32Array,
  rows: number, inputs: number, outputs: number, activation: WasmDenseActivation,
): void {
  const product = matmulInMemory(), kernels = rowKernels();
  const { memory } = product;
  const [packed, xAt, wAt, bAt, yAt] = memory.regions([product.packedBytes(inputs, outputs), 4 * x.length, 4 * weight.length, 4 * outputs, 4 * y.length]) as [number, number, number, number, number];
  const heap = memory.heap();
  heap.set(x, xAt >> 2);
  heap.set(weight, wAt >> 2);
  if (bias === null) heap.fill(0, bAt >> 2, (bAt >> 2) + outputs);
  else heap.set(bias, bAt >> 2);
  product.product(xAt, wAt, yAt, packed, rows, inputs, outputs, false, false, false);
  (activation === 'relu' ? kernels.biasRelu : kernels.biasIdentity)(yAt, bAt, rows, outputs);
  y.set(heap.subarray(yAt >> 2, (yAt >> 2) + y.length));
}

/** The layer's operands and its output's gradient, for `denseBackwardWasm`. */
export interface DenseBackward {
  readonly x: Float32Array;
  readonly weight: Float32Array;
  /** The layer's output (relu's gradient is read from it). */
  readonly y: Float32Array;
  /** The gradient of y. */
  readonly g: Float32Array;
  readonly rows: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: WasmDenseActivation;
}

/**
 * Adds the bias's gradient into `bias` (when given) and writes or adds W's (xᵀ·gz) and x's
 * (gz·Wᵀ), where gz is the pre-activation's gradient.
 */
export function denseBackwardWasm(d: DenseBackward, bias: Float32Array | null, weight: GradientTarget<Float32Array> | null, x: GradientTarget<Float32Array> | null): void {
  const product = matmulInMemory(), kernels = rowKernels();
  const { memory } = product;
  const { rows, inputs, outputs } = d;
  const relu = d.activation === 'relu';
  const packedBytes = Math.max(product.packedBytes(rows, outputs), product.packedBytes(outputs, inputs));
  const [packed, gAt, yAt, gzAt, gbAt, xAt, wAt, gwAt, gxAt] = memory.regions([
    packedBytes, 4 * d.g.length, relu ? 4 * d.y.length : 0, relu ? 4 * d.g.length : 0, 4 * outputs,
    weight === null ? 0 : 4 * d.x.length, x === null ? 0 : 4 * d.weight.length, weight === null ? 0 : 4 * d.weight.length, x === null ? 0 : 4 * d.x.length,
  ]) as [number, number, number, number, number, number, number, number, number];
  const heap = memory.heap();
  heap.set(d.g, gAt >> 2);
  if (bias === null) heap.fill(0, gbAt >> 2, (gbAt >> 2) + outputs);
  else heap.set(bias, gbAt >> 2);
  let dz = gAt;
  if (relu) {
    heap.set(d.y, yAt >> 2);
    kernels.reluGradientBias(yAt, gAt, gzAt, gbAt, rows, outputs);
    dz = gzAt;
  } else if (bias !== null) {
    kernels.columnSums(gAt, gbAt, rows, outputs);
  }
  if (bias !== null) bias.set(heap.subarray(gbAt >> 2, (gbAt >> 2) + outputs));
  if (weight !== null) {
    heap.set(d.x, xAt >> 2);
    if (weight.accumulate) heap.set(weight.into, gwAt >> 2);
    product.product(xAt, dz, gwAt, packed, inputs, rows, outputs, true, false, weight.accumulate);
    weight.into.set(heap.subarray(gwAt >> 2, (gwAt >> 2) + weight.into.length));
  }
  if (x !== null) {
    heap.set(d.weight, wAt >> 2);
    if (x.accumulate) heap.set(x.into, gxAt >> 2);
    product.product(dz, wAt, gxAt, packed, rows, outputs, inputs, false, true, x.accumulate);
    x.into.set(heap.subarray(gxAt >> 2, (gxAt >> 2) + x.into.length));
  }
}
