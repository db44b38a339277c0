import { UsageError } from '../../core/errors.ts';
import { stridedIndex } from './strided.ts';
import { shapeText, sizeOf } from './tensor.ts';

/*
 * NumPy broadcasting: shapes align at their last axis; an axis of size 1 (or a missing one)
 * repeats to match. Elementwise kernels see each operand through an index map (output
 * position → operand position), built once per pair of shapes and kept.
 */

/** The shape two operands broadcast to; throws naming both shapes when they do not. */
export function broadcastShape(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new UsageError(`${op}: shapes ${shapeText(a)} and ${shapeText(b)} do not broadcast (axis ${i}: ${da} vs ${db})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

const indexMaps = new Map<string, Int32Array>();
const MAX_CACHED_MAPS = 512;

/** For each element of `outShape`, the element of an operand of shape `inShape` it reads. */
export function broadcastIndex(outShape: readonly number[], inShape: readonly number[]): Int32Array {
  const key = `${outShape.join(',')}|${inShape.join(',')}`;
  const cached = indexMaps.get(key);
  if (cached !== undefined) return cached;
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    const axis = rank - inShape.length + i;
    strides[axis] = inShape[i] === 1 ? 0 : stride;
    stride *= inShape[i]!;
  }
  const map = stridedIndex(outShape, strides);
  if (indexMaps.size >= MAX_CACHED_MAPS) indexMaps.clear();
  indexMaps.set(key, map);
  return map;
}

/** How an operand of shape `inShape` is read when broadcast to `outShape`, cheapest case first. */
export type Access =
  | { readonly kind: 'same' }
  | { readonly kind: 'scalar' }
  /** The operand repeats with period `period` (a bias over the last axes). */
  | { readonly kind: 'tile'; readonly period: number }
  | { readonly kind: 'map'; readonly map: Int32Array };

/** Picks the access pattern for one operand. */
export function accessFor(outShape: readonly number[], inShape: readonly number[]): Access {
  const inSize = sizeOf(inShape);
  const outSize = sizeOf(outShape);
  if (inSize === outSize) return { kind: 'same' };
  if (inSize === 1) return { kind: 'scalar' };
  // A trailing block of outShape equal to inShape (leading 1s aside) repeats whole.
  let trailing = 1;
  let axis = outShape.length - 1;
  for (let i = inShape.length - 1; i >= 0 && trailing < inSize; i--, axis--) {
    if (inShape[i] !== outShape[axis]) break;
    trailing *= inShape[i]!;
  }
  if (trailing === inSize) return { kind: 'tile', period: inSize };
  return { kind: 'map', map: broadcastIndex(outShape, inShape) };
}
