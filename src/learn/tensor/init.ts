import { UsageError } from '../../core/errors.ts';
import { oneOfValues } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import { allocate, shapeText, sizeOf, Tensor, type DType } from './tensor.ts';

/*
 * Weight initialisers. Every one draws from the Rng passed in, so a seed fixes the weights.
 * A weight is read as a stack of [fanIn, fanOut] matrices (our layers compute x·W), so the
 * fans come from the last two axes; a vector has fanIn = fanOut = its length.
 */

/** Makes an initial value (not yet a parameter) of the given shape and type. */
export type Initializer = (shape: readonly number[], rng: Rng, dtype?: DType) => Tensor;

function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  return { fanIn: shape[shape.length - 2]!, fanOut: shape[shape.length - 1]! };
}

function filled(shape: readonly number[], dtype: DType, draw: () => number): Tensor {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return new Tensor(data, [...shape]);
}

/** Uniform in ±√(6 / (fanIn + fanOut)) (Glorot and Bengio 2010): keeps activation variance level through tanh layers. */
export const glorotUniform: Initializer = (shape, rng, dtype = 'float32') => {
  const { fanIn, fanOut } = fans(shape);
  const limit = Math.sqrt(6 / Math.max(1, fanIn + fanOut));
  return filled(shape, dtype, () => rng.uniform(-limit, limit));
};

/** Normal with standard deviation √(2 / (fanIn + fanOut)) (Glorot, not truncated). */
export const glorotNormal: Initializer = (shape, rng, dtype = 'float32') => {
  const { fanIn, fanOut } = fans(shape);
  const std = Math.sqrt(2 / Math.max(1, fanIn + fanOut));
  return filled(shape, dtype, () => std * rng.normal());
};

/** Normal with standard deviation √(2 / fanIn) (He et al. 2015): for ReLU layers. */
export const heNormal: Initializer = (shape, rng, dtype = 'float32') => {
  const std = Math.sqrt(2 / Math.max(1, fans(shape).fanIn));
  return filled(shape, dtype, () => std * rng.normal());
};

/** Standard normal draws (embedding tables). */
export const standardNormal: Initializer = (shape, rng, dtype = 'float32') => filled(shape, dtype, () => rng.normal());

/** All zeros (biases); draws nothing. */
export const zerosInit: Initializer = (shape, _rng, dtype = 'float32') => new Tensor(allocate(dtype, sizeOf(shape)), [...shape]);

/**
 * Each trailing [rows, cols] matrix has orthonormal columns (rows ≥ cols) or rows (rows < cols)
 * (Saxe et al. 2014): Gram–Schmidt on a Gaussian matrix, which equals the Q of its QR
 * decomposition with a positive diagonal in R, so Q is Haar-distributed. Recurrent weights
 * keep their gradients' norm through time with it.
 */
export const orthogonal: Initializer = (shape, rng, dtype = 'float32') => {
  if (shape.length < 2) throw new UsageError(`orthogonal: needs a matrix shape, got ${shapeText(shape)}`);
  const rows = shape[shape.length - 2]!;
  const cols = shape[shape.length - 1]!;
  const data = allocate(dtype, sizeOf(shape));
  for (let at = 0; at < data.length; at += rows * cols) {
    const q = orthonormalColumns(Math.max(rows, cols), Math.min(rows, cols), rng);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) data[at + r * cols + c] = rows >= cols ? q[c]![r]! : q[r]![c]!;
    }
  }
  return new Tensor(data, [...shape]);
};

/** `count` orthonormal vectors of length `length` (count ≤ length), by modified Gram–Schmidt with one re-orthogonalisation. */
function orthonormalColumns(length: number, count: number, rng: Rng): Float64Array[] {
  const basis: Float64Array[] = [];
  while (basis.length < count) {
    const v = Float64Array.from({ length }, () => rng.normal());
    for (let pass = 0; pass < 2; pass++) {
      for (const u of basis) {
        let dot = 0;
        for (let i = 0; i < length; i++) dot += u[i]! * v[i]!;
        for (let i = 0; i < length; i++) v[i]! -= dot * u[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < length; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    // A draw (almost) inside the span so far carries no new direction: draw again.
    if (norm < 1e-6) continue;
    for (let i = 0; i < length; i++) v[i]! /= norm;
    basis.push(v);
  }
  return basis;
}

/** The initialisers by name, for options given as plain data. */
export const INITIALIZERS = { glorotUniform, glorotNormal, heNormal, orthogonal, standardNormal, zeros: zerosInit } as const;

/** A name of a built-in initialiser. */
export type InitializerName = keyof typeof INITIALIZERS;

/** The initialiser named or given by an option, checked. */
export function resolveInitializer(owner: string, name: string, value: InitializerName | Initializer): Initializer {
  if (typeof value === 'function') return value;
  return INITIALIZERS[oneOfValues(owner, name, value, Object.keys(INITIALIZERS) as InitializerName[])];
}
