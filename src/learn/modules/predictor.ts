import { UsageError } from '../../core/errors.ts';
import { allocate, type DType, type FloatArray } from '../tensor/tensor.ts';
import { isSimdActivation, simdPredictor, type SimdActivation } from '../kernels/predictor-wasm.ts';
import { compileKernel } from '../tensor/elementwise-ops.ts';
import { activationExpression, type ActivationName } from './activation.ts';

/*
 * The batch-1 forward of an MLP as one generated function, for control policies that run it
 * once per step: no tensors, no allocation, no dispatch. It reads the layers' weight arrays
 * themselves (optimizers update them in place), so it stays valid while the network trains.
 * Small float32 networks with identity, relu or tanh layers run in WebAssembly SIMD
 * (kernels/predictor-wasm.ts). Otherwise each layer's dot products are unrolled over its
 * inputs when they are few, four outputs at a time, so every partial sum lives in a register
 * and four sums advance together; wider layers keep the loop.
 */

/** A batch-1 forward: input row in, output row out. The returned array is reused by the next call. */
export type Predictor = (input: ArrayLike<number>) => FloatArray;

/** What a predictor needs of one dense layer. */
export interface PredictorLayer {
  /** [inputs, outputs], row-major. */
  readonly weight: FloatArray;
  /** [outputs], or null. */
  readonly bias: FloatArray | null;
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: ActivationName;
}

type PredictorFactory = (weights: FloatArray[], biases: (FloatArray | null)[], buffers: FloatArray[], fail: (length: number) => never) => Predictor;

/** Inputs up to this count are unrolled, every partial sum in a register; wider layers keep the loop. */
const UNROLL_LIMIT = 64;
/** Outputs computed side by side: independent sums, so the adds of one do not wait on another's. */
const OUTPUT_BLOCK = 4;

// Compiled once per architecture and element type; each predictor binds its own arrays.
const factories = new Map<string, PredictorFactory>();

/** Σᵢ aᵢ·w[i·m + j] for `outputs` (constant columns, or `j + c` in a loop), one sum per output, interleaved. */
function blockSums(l: number, n: number, m: number, columns: readonly string[]): string {
  let code = `    let ${columns.map((_, c) => `s${c} = 0`).join(', ')};\n`;
  for (let i = 0; i < n; i++) code += `    ${columns.map((column, c) => `s${c} += a${l}_${i} * w${l}[${i * m} + ${column}];`).join(' ')}\n`;
  return code;
}

function layerSource(layer: PredictorLayer, l: number, input: string, dtype: DType): string {
  const { inputs: n, outputs: m } = layer;
  const bias = (column: string): string => (layer.bias === null ? '' : ` + b${l}[${column}]`);
  const store = (c: number, column: string): string => `    { const x = s${c}${bias(column)}; h${l + 1}[${column}] = ${activationExpression(layer.activation, dtype)}; }\n`;
  if (n > UNROLL_LIMIT) {
    return `  for (let j = 0; j < ${m}; j++) { let s0 = 0; for (let i = 0; i < ${n}; i++) s0 += ${input}[i] * w${l}[i * ${m} + j];\n${store(0, 'j')}  }\n`;
  }
  let code = `  const ${Array.from({ length: n }, (_, i) => `a${l}_${i} = ${input}[${i}]`).join(', ')};\n`;
  const blocked = m - (m % OUTPUT_BLOCK);
  if (blocked > 0) {
    const columns = Array.from({ length: OUTPUT_BLOCK }, (_, c) => `j + ${c}`);
    code += `  for (let j = 0; j < ${blocked}; j += ${OUTPUT_BLOCK}) {\n${blockSums(l, n, m, columns)}${columns.map((column, c) => store(c, column)).join('')}  }\n`;
  }
  const rest = Array.from({ length: m - blocked }, (_, c) => String(blocked + c));
  if (rest.length > 0) code += `  {\n${blockSums(l, n, m, rest)}${rest.map((column, c) => store(c, column)).join('')}  }\n`;
  return code;
}

function compile(layers: readonly PredictorLayer[], dtype: DType): PredictorFactory {
  let body = `return function predict(input) {\n  if (input.length !== ${layers[0]!.inputs}) fail(input.length);\n`;
  layers.forEach((layer, l) => {
    body += `  const w${l} = weights[${l}], b${l} = biases[${l}], h${l + 1} = buffers[${l}];\n`;
    body += layerSource(layer, l, l === 0 ? 'input' : `h${l}`, dtype);
  });
  body += `  return h${layers.length};\n};`;
  const make = compileKernel<(...args: Parameters<PredictorFactory>) => Predictor>(['weights', 'biases', 'buffers', 'fail'], body);
  return (...args) => make(...args);
}

/**
 * Small float32 layers with identity, relu or tanh run in WebAssembly SIMD (fully unrolled,
 * so their size is capped); the rest in generated JavaScript.
 */
const SIMD_VECTOR_MACS = 2048;

function fitsSimd(layer: PredictorLayer): boolean {
  return isSimdActivation(layer.activation) && layer.weight instanceof Float32Array && (layer.bias === null || layer.bias instanceof Float32Array)
    && layer.inputs * Math.ceil(layer.outputs / 4) <= SIMD_VECTOR_MACS;
}

/** A batch-1 forward through `layers`, reading their current weights; hidden rows are stored in `dtype`, as the tensor forward stores them. */
export function compilePredictor(layers: readonly PredictorLayer[], dtype: DType): Predictor {
  if (layers.length === 0) throw new UsageError('predictor: needs at least one layer');
  const key = `${dtype}|${layers.map((l) => `${l.inputs}x${l.outputs}:${l.activation}:${l.bias === null ? 0 : 1}`).join('|')}`;
  let factory = factories.get(key);
  if (factory === undefined) {
    factory = compile(layers, dtype);
    factories.set(key, factory);
  }
  const inputs = layers[0]!.inputs;
  const fail = (length: number): never => {
    throw new UsageError(`predictor: the input must have ${inputs} values, got ${length}`);
  };
  if (dtype === 'float32' && layers.every(fitsSimd)) {
    const simdLayers = layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, bias: l.bias !== null, activation: l.activation as SimdActivation }));
    return simdPredictor(simdLayers, layers.map((l) => l.weight as Float32Array), layers.map((l) => l.bias as Float32Array | null), fail);
  }
  return factory(layers.map((l) => l.weight), layers.map((l) => l.bias), layers.map((l) => allocate(dtype, l.outputs)), fail);
}
