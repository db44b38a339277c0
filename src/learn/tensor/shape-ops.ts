import { UsageError } from '../../core/errors.ts';
import { outputBuffer } from './recycling.ts';
import { gradientOf, passGradient, result } from './autograd.ts';
import { resolveAxis } from './reduce.ts';
import { stridedIndex, stridesOf } from './strided.ts';
import { shapeText, sizeOf, type Tensor } from './tensor.ts';

/**
 * The same elements with another shape; one axis may be −1 (inferred). The result shares x's
 * data, as a view: ops never write into tensors, and a parameter updated in place by an
 * optimizer is seen through its views as through itself.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const inferred = shape.indexOf(-1);
  const known = sizeOf(shape.filter((d) => d !== -1));
  const resolved = inferred < 0 ? [...shape] : shape.map((d) => (d === -1 ? x.size / known : d));
  if (sizeOf(resolved) !== x.size || !resolved.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new UsageError(`reshape: cannot reshape ${shapeText(x.shape)} (${x.size} elements) to ${shapeText(shape)}`);
  }
  const view: Tensor = result(x.data, resolved, [x], (g) => passGradient(view, x, g));
  return view;
}

/** Permutes the axes (default: reverses them, so a matrix is transposed). */
export function transpose(x: Tensor, axes: readonly number[] = x.shape.map((_, i) => x.rank - 1 - i)): Tensor {
  const sorted = [...axes].sort((p, q) => p - q);
  if (axes.length !== x.rank || sorted.some((a, i) => a !== i)) {
    throw new UsageError(`transpose: ${shapeText(axes)} is not a permutation of the ${x.rank} axes of ${shapeText(x.shape)}`);
  }
  const inStrides = stridesOf(x.shape);
  const index = stridedIndex(axes.map((d) => x.shape[d]!), axes.map((d) => inStrides[d]!));
  const y = outputBuffer(x.dtype, x.size);
  const xs = x.data;
  for (let i = 0; i < index.length; i++) y[i] = xs[index[i]!]!;
  return result(y, axes.map((a) => x.shape[a]!), [x], (g) => {
    const gx = gradientOf(x);
    if (gx !== null) for (let i = 0; i < index.length; i++) gx[index[i]!]! += g[i]!;
  });
}

/** Joins tensors along `axis`; every other axis must match. */
export function concat(parts: readonly Tensor[], axis = 0): Tensor {
  const first = parts[0];
  if (first === undefined) throw new UsageError('concat: needs at least one tensor');
  const a = resolveAxis('concat', first.shape, axis);
  for (const part of parts) {
    if (part.rank !== first.rank || part.shape.some((d, i) => i !== a && d !== first.shape[i]) || part.dtype !== first.dtype) {
      throw new UsageError(`concat: ${shapeText(part.shape)} (${part.dtype}) does not fit ${shapeText(first.shape)} (${first.dtype}) along axis ${a}`);
    }
  }
  const outer = sizeOf(first.shape.slice(0, a));
  const inner = sizeOf(first.shape.slice(a + 1));
  const widths = parts.map((p) => p.shape[a]! * inner);
  const total = widths.reduce((s, w) => s + w, 0);
  const y = outputBuffer(first.dtype, outer * total);
  let offset = 0;
  parts.forEach((part, p) => {
    const w = widths[p]!;
    for (let o = 0; o < outer; o++) y.set(part.data.subarray(o * w, (o + 1) * w), o * total + offset);
    offset += w;
  });
  const shape = first.shape.map((d, i) => (i === a ? total / inner : d));
  return result(y, shape, parts, (g) => {
    let at = 0;
    parts.forEach((part, p) => {
      const w = widths[p]!;
      const gp = gradientOf(part);
      if (gp !== null) {
        for (let o = 0; o < outer; o++) for (let i = 0; i < w; i++) gp[o * w + i]! += g[o * total + at + i]!;
      }
      at += w;
    });
  });
}

/** The block starting at `begin` with `size` elements per axis (−1: to the end of that axis). */
export function slice(x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  if (begin.length !== x.rank || size.length !== x.rank) {
    throw new UsageError(`slice: begin ${shapeText(begin)} and size ${shapeText(size)} need one entry per axis of ${shapeText(x.shape)}`);
  }
  const shape = size.map((s, i) => (s === -1 ? x.shape[i]! - begin[i]! : s));
  shape.forEach((s, i) => {
    if (!Number.isInteger(begin[i]) || begin[i]! < 0 || s < 0 || begin[i]! + s > x.shape[i]!) {
      throw new UsageError(`slice: begin ${shapeText(begin)} size ${shapeText(size)} falls outside ${shapeText(x.shape)}`);
    }
  });
  const strides = stridesOf(x.shape);
  const base = begin.reduce((s, b, i) => s + b * strides[i]!, 0);
  const index = stridedIndex(shape, strides, base);
  const y = outputBuffer(x.dtype, index.length);
  for (let i = 0; i < index.length; i++) y[i] = x.data[index[i]!]!;
  return result(y, shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx !== null) for (let i = 0; i < index.length; i++) gx[index[i]!]! += g[i]!;
  });
}
