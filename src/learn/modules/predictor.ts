import { UsageError } from '../../core/errors.ts';
import { allocate, type DType, type FloatArray } from '../tensor/tensor.ts';
import { activationExpression, type ActivationName } from './activation.ts';

/*
 * The batch-1 forward of an MLP as one generated function, for control policies that run it
 * once per step: no tensors, no allocation, no dispatch. It reads the layers' weight arrays
 * themselves (optimizers update them in place), so it stays valid while the network trains.
 * Each layer's dot products are unrolled over its inputs when they are few, so every partial
 * sum lives in a register; wider layers keep the loop.
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

/** Inputs up to this count are unrolled into one expression per output. */
const UNROLL_LIMIT = 64;

// Compiled once per architecture; each predictor binds its own arrays.
const factories = new Map<string, PredictorFactory>();

function layerSource(layer: PredictorLayer, l: number, input: string): string {
  const { inputs: n, outputs: m } = layer;
  const bias = layer.bias === null ? '' : ` + b${l}[j]`;
  const store = `h${l + 1}[j] = ${activationExpression(layer.activation)};`;
  if (n <= UNROLL_LIMIT) {
    const loads = Array.from({ length: n }, (_, i) => `a${l}_${i} = ${input}[${i}]`).join(', ');
    const terms = Array.from({ length: n }, (_, i) => `a${l}_${i} * w${l}[${i * m} + j]`).join(' + ');
    return `  const ${loads};\n  for (let j = 0; j < ${m}; j++) { const x = ${terms}${bias}; ${store} }\n`;
  }
  return `  for (let j = 0; j < ${m}; j++) { let s = 0; for (let i = 0; i < ${n}; i++) s += ${input}[i] * w${l}[i * ${m} + j]; const x = s${bias}; ${store} }\n`;
}

function compile(layers: readonly PredictorLayer[]): PredictorFactory {
  let body = `'use strict';\nreturn function predict(input) {\n  if (input.length !== ${layers[0]!.inputs}) fail(input.length);\n`;
  layers.forEach((layer, l) => {
    body += `  const w${l} = weights[${l}], b${l} = biases[${l}], h${l + 1} = buffers[${l}];\n`;
    body += layerSource(layer, l, l === 0 ? 'input' : `h${l}`);
  });
  body += `  return h${layers.length};\n};`;
  const make = new Function('weights', 'biases', 'buffers', 'fail', body) as (...args: Parameters<PredictorFactory>) => Predictor;
  return (...args) => make(...args);
}

/** A batch-1 forward through `layers`, reading their current weights; hidden rows are stored in `dtype`, as the tensor forward stores them. */
export function compilePredictor(layers: readonly PredictorLayer[], dtype: DType): Predictor {
  if (layers.length === 0) throw new UsageError('predictor: needs at least one layer');
  const key = `${dtype}|${layers.map((l) => `${l.inputs}x${l.outputs}:${l.activation}:${l.bias === null ? 0 : 1}`).join('|')}`;
  let factory = factories.get(key);
  if (factory === undefined) {
    factory = compile(layers);
    factories.set(key, factory);
  }
  const inputs = layers[0]!.inputs;
  const fail = (length: number): never => {
    throw new UsageError(`predictor: the input must have ${inputs} values, got ${length}`);
  };
  return factory(layers.map((l) => l.weight), layers.map((l) => l.bias), layers.map((l) => allocate(dtype, l.outputs)), fail);
}
