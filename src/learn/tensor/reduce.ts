import { UsageError } from '../../core/errors.ts';
import { outputBuffer } from './recycling.ts';
import { gradientOf, result } from './autograd.ts';
import { shapeText, type Tensor } from './tensor.ts';

/*
 * Reductions over one axis, or over every element. A tensor is seen as [outer, axis, inner]
 * around the reduced axis, so one loop serves every rank.
 */

/** Options of a reduction. */
export interface ReduceOptions {
  /** Keep the reduced axis with size 1 (default false), so the result broadcasts against the input. */
  readonly keepDims?: boolean;
}

interface Layout {
  readonly outer: number;
  readonly length: number;
  readonly inner: number;
  readonly shape: number[];
}

/** Resolves a possibly negative axis (−1 is the last). */
export function resolveAxis(op: string, shape: readonly number[], axis: number): number {
  const resolved = axis < 0 ? axis + shape.length : axis;
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= shape.length) {
    throw new UsageError(`${op}: axis ${axis} is out of range for shape ${shapeText(shape)}`);
  }
  return resolved;
}

function layout(op: string, x: Tensor, axis: number | undefined, keepDims: boolean): Layout {
  if (axis === undefined) return { outer: 1, length: x.size, inner: 1, shape: keepDims ? x.shape.map(() => 1) : [] };
  const a = resolveAxis(op, x.shape, axis);
  let outer = 1;
  for (let i = 0; i < a; i++) outer *= x.shape[i]!;
  let inner = 1;
  for (let i = a + 1; i < x.shape.length; i++) inner *= x.shape[i]!;
  const shape = keepDims ? x.shape.map((d, i) => (i === a ? 1 : d)) : x.shape.filter((_, i) => i !== a);
  return { outer, length: x.shape[a]!, inner, shape };
}

function sumOrMean(op: string, x: Tensor, axis: number | undefined, options: ReduceOptions, scale: (length: number) => number): Tensor {
  const { outer, length, inner, shape } = layout(op, x, axis, options.keepDims ?? false);
  const factor = scale(length);
  const y = outputBuffer(x.dtype, outer * inner);
  const xs = x.data;
  if (inner === 1) {
    // Contiguous runs (a last axis, or everything) are summed in a local: accumulating through
    // one array element would chain every add on the store before it.
    for (let o = 0; o < outer; o++) {
      let total = 0;
      for (let r = o * length, end = r + length; r < end; r++) total += xs[r]!;
      y[o] = total;
    }
  } else {
    for (let o = 0; o < outer; o++) {
      const base = o * length * inner;
      for (let r = 0; r < length; r++) {
        const row = base + r * inner;
        for (let i = 0; i < inner; i++) y[o * inner + i]! += xs[row + i]!;
      }
    }
  }
  if (factor !== 1) for (let i = 0; i < y.length; i++) y[i]! *= factor;
  return result(y, shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let o = 0; o < outer; o++) {
      const base = o * length * inner;
      for (let r = 0; r < length; r++) {
        const row = base + r * inner;
        for (let i = 0; i < inner; i++) gx[row + i]! += g[o * inner + i]! * factor;
      }
    }
  });
}

/** The sum over `axis`, or over every element when `axis` is omitted. */
export function sum(x: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  return sumOrMean('sum', x, axis, options, () => 1);
}

/** The mean over `axis`, or over every element when `axis` is omitted. */
export function mean(x: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  return sumOrMean('mean', x, axis, options, (length) => 1 / length);
}

/** The maximum over `axis` (or every element); the gradient goes to the first maximal element. */
export function max(x: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  const { outer, length, inner, shape } = layout('max', x, axis, options.keepDims ?? false);
  if (length === 0) throw new UsageError('max: cannot reduce an empty axis');
  const y = outputBuffer(x.dtype, outer * inner);
  const argmax = new Int32Array(outer * inner);
  const xs = x.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = o * length * inner + i;
      for (let r = 1; r < length; r++) {
        const at = (o * length + r) * inner + i;
        if (xs[at]! > xs[best]! || Number.isNaN(xs[at]!)) best = at;
      }
      y[o * inner + i] = xs[best]!;
      argmax[o * inner + i] = best;
    }
  }
  return result(y, shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx !== null) for (let i = 0; i < argmax.length; i++) gx[argmax[i]!]! += g[i]!;
  });
}
