import { returnBuffers, takeBuffer, MIN_POOLED_ELEMENTS } from './gradient-buffers.ts';
import { allocate, Tensor, type DType, type FloatArray } from './tensor.ts';

/*
 * A scope whose intermediate tensors die with it, as one training step's: the storage of every
 * op result made inside goes back to the buffer pool when it ends, so the next step's ops
 * reuse arrays that are warm in cache instead of allocating (a fresh large array costs about
 * half again the pass that fills it). The contract is tfjs's `tidy`: only the tensors returned
 * survive; any other tensor made inside must not be read afterwards.
 */

// The buffers made in each open scope, innermost last.
const scopes: FloatArray[][] = [];

/**
 * The storage of an op's result: recycled inside `recycling`, new outside it; zero-filled
 * unless `zeroed` is false (for an op that writes every element).
 */
export function outputBuffer(dtype: DType, size: number, zeroed = true): FloatArray {
  const scope = scopes[scopes.length - 1];
  if (scope === undefined || size < MIN_POOLED_ELEMENTS) return allocate(dtype, size);
  const buffer = takeBuffer(dtype, size, zeroed);
  scope.push(buffer);
  return buffer;
}

function tensorsIn(value: unknown): Tensor[] {
  if (value instanceof Tensor) return [value];
  if (Array.isArray(value)) return value.filter((v): v is Tensor => v instanceof Tensor);
  if (typeof value === 'object' && value !== null) return Object.values(value).filter((v): v is Tensor => v instanceof Tensor);
  return [];
}

/**
 * Runs `fn`, then recycles the storage of every tensor an op made inside it except the ones
 * it returns (a tensor, or an array or object of them; views share their tensor's storage and
 * keep it too). Nothing else made inside may be used after it returns. Scopes nest: what an
 * inner scope returns belongs to the outer one. Parameters and gradients are never recycled.
 */
export function recycling<T>(fn: () => T): T {
  const own: FloatArray[] = [];
  scopes.push(own);
  let result: T;
  try {
    result = fn();
  } finally {
    scopes.pop();
  }
  const kept = new Set(tensorsIn(result).map((t) => t.data));
  const outer = scopes[scopes.length - 1];
  const spent = new Set<FloatArray>();
  for (const buffer of own) {
    if (!kept.has(buffer)) spent.add(buffer);
    else outer?.push(buffer);
  }
  returnBuffers(spent);
  return result;
}
