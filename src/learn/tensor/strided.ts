import { sizeOf } from './tensor.ts';

/** Row-major strides of a contiguous tensor of this shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/**
 * For each element of a tensor of `shape` (row-major), the position it reads in a source
 * walked with `strides` from `base`. Broadcasting (stride 0), transposes (permuted strides)
 * and slices (an offset base) are all such walks.
 */
export function stridedIndex(shape: readonly number[], strides: readonly number[], base = 0): Int32Array {
  const index = new Int32Array(sizeOf(shape));
  const counter = new Array<number>(shape.length).fill(0);
  let at = base;
  for (let i = 0; i < index.length; i++) {
    index[i] = at;
    for (let d = shape.length - 1; d >= 0; d--) {
      at += strides[d]!;
      if (++counter[d]! < shape[d]!) break;
      at -= strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  return index;
}
