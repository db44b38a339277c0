import { UsageError } from '../../core/errors.ts';
import { denseBackwardWasm, denseForwardWasm, wasmDenseFits } from '../kernels/dense-wasm.ts';
import { matmul as kernel, SMALL_MATMUL_MACS } from '../kernels/matmul.ts';
import { outputBuffer } from './recycling.ts';
import type { GradientTarget } from '../kernels/matmul.ts';
import { gradientOf, gradientTarget, result } from './autograd.ts';
import { compileKernel, UNARY_OPS, unaryForward } from './elementwise-ops.ts';
import { allocate, shapeText, type DType, type FloatArray, type Tensor } from './tensor.ts';

/*
 * A dense layer as one op, y = act(x·W + b): the product is written into the result, and one
 * pass adds the bias and applies the activation in place. Backward, one pass turns the
 * output's gradient into the pre-activation's (from y alone, so z is never kept) while summing
 * the bias gradient, then two products give W's and x's. Against matmul, add and an
 * activation as three ops, that saves two tensors and four passes over the output per layer.
 */

/** The slope of 'leakyRelu' below zero. */
export const LEAKY_SLOPE = 0.01;

/**
 * The activations `dense` fuses: the forward over the pre-activation x (the elementwise op
 * table's own expression, so the fused op computes what the separate op does), and the
 * gradient to x from the output y and its gradient g.
 */
const ACTIVATIONS = {
  identity: { forward: () => 'x', gradient: 'g' },
  relu: { forward: (dtype: DType) => unaryForward('relu', dtype), gradient: '(y > 0 ? g : 0)' },
  tanh: { forward: (dtype: DType) => unaryForward('tanh', dtype), gradient: UNARY_OPS.tanh.gradient },
  sigmoid: { forward: () => UNARY_OPS.sigmoid.forward, gradient: UNARY_OPS.sigmoid.gradient },
  // d/dx log(1 + eˣ) = sigmoid(x) = 1 − e^(−y), written with expm1 so it stays exact as y → 0.
  softplus: { forward: () => UNARY_OPS.softplus.forward, gradient: '-g * Math.expm1(-y)' },
  leakyRelu: { forward: () => UNARY_OPS.leakyRelu.forward.replaceAll('p0', String(LEAKY_SLOPE)), gradient: `(y > 0 ? g : ${LEAKY_SLOPE} * g)` },
} as const;

/** The name of an activation: identity, relu, tanh, sigmoid, softplus or leakyRelu (slope 0.01). */
export type ActivationName = keyof typeof ACTIVATIONS;

/** Every activation name. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

/** The named activation as a JavaScript expression over `x`, for tensors of `dtype`. */
export function activationExpression(name: ActivationName, dtype: DType): string {
  return ACTIVATIONS[name].forward(dtype);
}

type Epilogue = (y: FloatArray, bias: FloatArray | null, rows: number, columns: number) => void;
type GradientPass = (y: FloatArray, g: FloatArray, gz: FloatArray, gBias: FloatArray | null, rows: number, columns: number) => void;

const kernels = new Map<string, { epilogue: Epilogue; gradient: GradientPass }>();

function kernelsFor(activation: ActivationName, dtype: DType): { epilogue: Epilogue; gradient: GradientPass } {
  const key = `${activation}:${dtype}`;
  let found = kernels.get(key);
  if (found === undefined) {
    const spec = ACTIVATIONS[activation];
    found = {
      epilogue: compileKernel<Epilogue>(['Y', 'B', 'rows', 'columns'],
        `for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < columns; c++, i++) { const x = B === null ? Y[i] : Y[i] + B[c]; Y[i] = ${spec.forward(dtype)}; }`),
      // One pass: the pre-activation's gradient, summed into the bias's as it is written.
      gradient: compileKernel<GradientPass>(['Y', 'G', 'GZ', 'GB', 'rows', 'columns'],
        `if (GB === null) for (let i = 0, n = rows * columns; i < n; i++) { const y = Y[i], g = G[i]; GZ[i] = ${spec.gradient}; }\n` +
        `else for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < columns; c++, i++) { const y = Y[i], g = G[i]; const gz = ${spec.gradient}; GZ[i] = gz; GB[c] += gz; }`),
    };
    kernels.set(key, found);
  }
  return found;
}

// The pre-activation gradient lives only inside one backward call, so one buffer per type serves all.
const scratch: { float32: Float32Array; float64: Float64Array } = { float32: new Float32Array(0), float64: new Float64Array(0) };

function scratchFor(dtype: DType, size: number): FloatArray {
  if (scratch[dtype].length < size) scratch[dtype] = allocate(dtype, size) as never;
  return scratch[dtype].subarray(0, size);
}

/**
 * act(x·W + b): x [..., in], weight [in, out], bias [out] or null → [..., out]. One op with
 * one result tensor, its gradient to all three.
 */
export function dense(x: Tensor, weight: Tensor, bias: Tensor | null, activation: ActivationName = 'identity'): Tensor {
  const inputs = weight.shape[0]!, outputs = weight.shape[1]!;
  if (weight.rank !== 2 || x.rank < 1 || x.shape[x.rank - 1] !== inputs || (bias !== null && (bias.rank !== 1 || bias.shape[0] !== outputs))) {
    throw new UsageError(`dense: x ${shapeText(x.shape)}, weight ${shapeText(weight.shape)}${bias === null ? '' : ` and bias ${shapeText(bias.shape)}`} do not fit [..., in] · [in, out] + [out]`);
  }
  if (x.dtype !== weight.dtype || (bias !== null && bias.dtype !== x.dtype)) throw new UsageError('dense: x, weight and bias must share one element type; convert with cast()');
  const rows = x.size / inputs;
  // Both paths write every element of the product.
  const y = outputBuffer(x.dtype, rows * outputs, false);
  if (usesWasm(x, activation, rows, inputs, outputs)) return denseInWasm(x, weight, bias, activation as 'identity' | 'relu', y as Float32Array, rows, inputs, outputs);
  const { epilogue, gradient } = kernelsFor(activation, x.dtype);
  kernel(x.data, 0, weight.data, 0, y, 0, rows, inputs, outputs, false, false, false);
  epilogue(y, bias === null ? null : bias.data, rows, outputs);
  const shape = [...x.shape.slice(0, -1), outputs];
  return result(y, shape, bias === null ? [x, weight] : [x, weight, bias], (g) => {
    const gb = bias === null ? null : gradientOf(bias);
    let gz = g;
    if (activation !== 'identity') {
      gz = scratchFor(x.dtype, g.length);
      gradient(y, g, gz, gb, rows, outputs);
    } else if (gb !== null) {
      for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < outputs; c++, i++) gb[c]! += g[i]!;
    }
    // dW = xᵀ·dz, dx = dz·Wᵀ. A gradient no one has written yet is overwritten, not added to
    // (no copy-in); each target is taken just before its writes, in case x and the weight are one tensor.
    const gw = gradientTarget(weight);
    if (gw !== null) kernel(x.data, 0, gz, 0, gw.into, 0, inputs, rows, outputs, true, false, gw.accumulate);
    const gx = gradientTarget(x);
    if (gx !== null) kernel(gz, 0, weight.data, 0, gx.into, 0, rows, outputs, inputs, false, true, gx.accumulate);
  });
}

/** Float32 layers with identity or relu, vector-wide outputs and more than a tiny product run fused in WebAssembly. */
function usesWasm(x: Tensor, activation: ActivationName, rows: number, inputs: number, outputs: number): boolean {
  return x.dtype === 'float32' && (activation === 'identity' || activation === 'relu') && wasmDenseFits(outputs) && rows * inputs * outputs > SMALL_MATMUL_MACS;
}

/** `dense` through the fused WebAssembly kernels (dense-wasm.ts): the same values, fewer passes. */
function denseInWasm(
  x: Tensor, weight: Tensor, bias: Tensor | null, activation: 'identity' | 'relu', y: Float32Array, rows: number, inputs: number, outputs: number,
): Tensor {
  denseForwardWasm(x.data as Float32Array, weight.data as Float32Array, bias === null ? null : bias.data as Float32Array, y, rows, inputs, outputs, activation);
  const shape = [...x.shape.slice(0, -1), outputs];
  return result(y, shape, bias === null ? [x, weight] : [x, weight, bias], (g) => {
    const gb = bias === null ? null : gradientOf(bias) as Float32Array | null;
    // W's gradient is written before x's, in the order the targets are taken (x and the weight may be one tensor).
    const weightTarget = gradientTarget(weight) as GradientTarget<Float32Array> | null;
    const xTarget = gradientTarget(x) as GradientTarget<Float32Array> | null;
    denseBackwardWasm({ x: x.data as Float32Array, weight: weight.data as Float32Array, y, g: g as Float32Array, rows, inputs, outputs, activation }, gb, weightTarget, xTarget);
  });
}
