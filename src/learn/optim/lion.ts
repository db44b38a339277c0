import type { FloatArray } from '../tensor/tensor.ts';
import { decayRate, nonNegative, type UpdateRule } from './rule.ts';

/** Options of `lion`. */
export interface LionOptions {
  /** Weight of the momentum in the interpolation whose sign is the update (default 0.9). */
  readonly beta1?: number;
  /** Decay of the momentum (default 0.99). */
  readonly beta2?: number;
  /** Decoupled weight decay λ (default 0). */
  readonly weightDecay?: number;
}

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"):
 * c = β1·m + (1−β1)·g; w ← w − lr·(sign(c) + λ·w); m ← β2·m + (1−β2)·g.
 * Every coordinate moves by ±lr (sign(0) = 0), so it wants a 3–10× smaller lr than AdamW
 * and a larger λ; it keeps one slot where AdamW keeps two.
 */
export function lion(options: LionOptions = {}): UpdateRule {
  const beta1 = decayRate('lion', 'beta1', options.beta1 ?? 0.9);
  const beta2 = decayRate('lion', 'beta2', options.beta2 ?? 0.99);
  const weightDecay = nonNegative('lion', 'weightDecay', options.weightDecay ?? 0);
  return {
    name: 'lion', config: { beta1, beta2, weightDecay }, slots: ['m'],
    update(w: FloatArray, g: FloatArray, slots: readonly FloatArray[], _step: number, lr: number): void {
      const m = slots[0]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!, mi = m[i]!;
        w[i]! -= lr * (Math.sign(beta1 * mi + (1 - beta1) * gi) + weightDecay * w[i]!);
        m[i] = beta2 * mi + (1 - beta2) * gi;
      }
    },
  };
}
