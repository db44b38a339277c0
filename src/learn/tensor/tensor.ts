import { UsageError } from '../../core/errors.ts';
import type { FloatArray } from '../kernels/matmul.ts';

export type { FloatArray };

/** Element type of a tensor: float32 for training and inference, float64 for gradient checks. */
export type DType = 'float32' | 'float64';

/** How a tensor was computed: its inputs, and how to pass its gradient back to them. */
export interface Origin {
  readonly inputs: readonly Tensor[];
  /** Adds this tensor's contribution to the gradients of its inputs (see `gradientOf`). */
  backward(grad: FloatArray): void;
}

/**
 * A dense, row-major array of float32 or float64 numbers with a shape. Tensors are values:
 * ops return new tensors and never change their inputs; only an optimizer writes into a
 * parameter's `data`, in place.
 */
export class Tensor {
  /** The gradient being accumulated during a backward pass; null outside one. */
  gradBuffer: FloatArray | null = null;
  /** True during a backward pass when a tensor asked for depends on this one, so its gradient is wanted. */
  gradWanted = false;

  constructor(
    /** The elements, row-major. */
    readonly data: FloatArray,
    /** The size of each axis; [] for a scalar. */
    readonly shape: readonly number[],
    /** True when gradients flow to or through this tensor (parameters, and what is computed from them). */
    readonly requiresGrad: boolean = false,
    /** The op that made it, when gradients flow through it; null for leaves. */
    readonly origin: Origin | null = null,
  ) {}

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  get dtype(): DType {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) throw new UsageError(`item: the tensor has ${this.data.length} elements, not 1`);
    return this.data[0]!;
  }

  /** The elements as a plain array, row-major. */
  toArray(): number[] {
    return Array.from(this.data);
  }

  toString(): string {
    return `Tensor(${this.dtype}, [${this.shape.join(', ')}])`;
  }
}

/** Number of elements of a tensor with this shape. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const axis of shape) size *= axis;
  return size;
}

/** A zero-filled array of the given type. */
export function allocate(dtype: DType, size: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

function checkShape(what: string, shape: readonly number[]): void {
  for (const axis of shape) {
    if (!Number.isInteger(axis) || axis < 0) throw new UsageError(`${what}: shape [${shape.join(', ')}] must hold non-negative integers`);
  }
}

/** A tensor holding `values` (row-major) with the given shape; the shape defaults to [values.length]. */
export function tensor(values: ArrayLike<number>, shape: readonly number[] = [values.length], dtype: DType = 'float32'): Tensor {
  checkShape('tensor', shape);
  if (sizeOf(shape) !== values.length) {
    throw new UsageError(`tensor: ${values.length} values do not fill shape [${shape.join(', ')}] (${sizeOf(shape)} elements)`);
  }
  const data = allocate(dtype, values.length);
  data.set(values);
  return new Tensor(data, [...shape]);
}

/** A tensor of the given shape with every element equal to `value`. */
export function full(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  checkShape('full', shape);
  const data = allocate(dtype, sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, [...shape]);
}

/** A zero tensor of the given shape. */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return full(shape, 0, dtype);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return full(shape, 1, dtype);
}

/** A rank-0 tensor. */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return full([], value, dtype);
}

/**
 * A trainable parameter: a leaf tensor that gradients flow to. Its data is copied, and an
 * optimizer updates it in place.
 */
export function parameter(initial: Tensor): Tensor {
  return new Tensor(initial.data.slice(), [...initial.shape], true);
}

/** The shape as text, for error messages. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
