import type { FloatArray } from '../tensor/tensor.ts';
import { positive } from './rule.ts';

/*
 * Gradient clipping, in place over the gradients of every parameter at once. By global norm
 * keeps the direction and caps the length of the whole gradient (Pascanu et al. 2013); by
 * value caps each coordinate, which changes the direction.
 */

/** The Euclidean norm of all the arrays together, as if they were one vector. */
export function globalNorm(arrays: readonly FloatArray[]): number {
  let total = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) total += a[i]! * a[i]!;
  }
  return Math.sqrt(total);
}

/**
 * Scales every gradient by maxNorm / ‖g‖ when their global norm ‖g‖ exceeds maxNorm, in
 * place, and returns ‖g‖ as it was before (worth logging: it shows when clipping bites).
 */
export function clipByGlobalNorm(grads: readonly FloatArray[], maxNorm: number): number {
  positive('clipByGlobalNorm', 'maxNorm', maxNorm);
  const norm = globalNorm(grads);
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (const g of grads) {
      for (let i = 0; i < g.length; i++) g[i]! *= scale;
    }
  }
  return norm;
}

/** Clamps every gradient coordinate into [−limit, limit], in place. */
export function clipByValue(grads: readonly FloatArray[], limit: number): void {
  positive('clipByValue', 'limit', limit);
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi > limit) g[i] = limit;
      else if (gi < -limit) g[i] = -limit;
    }
  }
}
