import { allocate, type DType, type FloatArray } from './tensor.ts';

/*
 * Gradient buffers recycled from one backward pass to the next (and, inside `recycling`,
 * op results from one step to the next: recycling.ts). A training loop runs the
 * same shapes every step, and a fresh large typed array costs about as much as the pass that
 * fills it: the allocator zeroes it or the kernel faults its pages in, and the garbage
 * collector must find it later. Only buffers that no returned gradient holds come back here,
 * so nothing outside a backward pass ever sees a recycled one.
 */

/** Buffers smaller than this come from the allocator every time (V8 makes small ones cheaply). */
export const MIN_POOLED_ELEMENTS = 1024;
/** At most this many elements wait in the pool (128 MB of float32); the rest go to the collector. */
const MAX_POOLED_ELEMENTS = 32 * 1024 * 1024;

const pools: Record<DType, Map<number, FloatArray[]>> = { float32: new Map(), float64: new Map() };
let pooledElements = 0;

/**
 * A buffer of `size` elements, recycled when one of that size is free: zero-filled, or when
 * `zeroed` is false holding whatever it held (for a caller that writes every element).
 */
export function takeBuffer(dtype: DType, size: number, zeroed = true): FloatArray {
  const free = size >= MIN_POOLED_ELEMENTS ? pools[dtype].get(size) : undefined;
  const buffer = free?.pop();
  if (buffer === undefined) return allocate(dtype, size);
  pooledElements -= size;
  return zeroed ? buffer.fill(0) : buffer;
}

/** Hands buffers back for reuse; the caller must hold no reference to any of them afterwards. */
export function returnBuffers(buffers: Iterable<FloatArray>): void {
  for (const buffer of buffers) {
    const size = buffer.length;
    if (size < MIN_POOLED_ELEMENTS || pooledElements + size > MAX_POOLED_ELEMENTS) continue;
    const dtype: DType = buffer instanceof Float64Array ? 'float64' : 'float32';
    let free = pools[dtype].get(size);
    if (free === undefined) pools[dtype].set(size, (free = []));
    free.push(buffer);
    pooledElements += size;
  }
}
