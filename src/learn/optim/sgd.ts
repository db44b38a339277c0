import { UsageError } from '../../core/errors.ts';
import { flag } from '../../core/options.ts';
import type { FloatArray } from '../tensor/tensor.ts';
import { decayRate, nonNegative, type UpdateRule } from './rule.ts';

/** Options of `sgd`. */
export interface SgdOptions {
  /** Momentum μ in [0, 1) (default 0: plain gradient descent, no state). */
  readonly momentum?: number;
  /** Nesterov momentum: step along g + μ·b instead of b (default false; needs momentum > 0). */
  readonly nesterov?: boolean;
  /** L2 penalty λ added to the gradient, g + λ·w (default 0). */
  readonly weightDecay?: number;
}

/**
 * Stochastic gradient descent with heavy-ball momentum, as PyTorch writes it:
 * g' = g + λ·w; b ← μ·b + g'; w ← w − lr·b (or w − lr·(g' + μ·b) with Nesterov).
 */
export function sgd(options: SgdOptions = {}): UpdateRule {
  const momentum = decayRate('sgd', 'momentum', options.momentum ?? 0);
  const nesterov = flag('sgd', 'nesterov', options.nesterov ?? false);
  const weightDecay = nonNegative('sgd', 'weightDecay', options.weightDecay ?? 0);
  if (nesterov && momentum === 0) throw new UsageError('sgd: nesterov needs momentum > 0');
  const config = { momentum, nesterov, weightDecay };
  if (momentum === 0) {
    return {
      name: 'sgd', config, slots: [],
      update(w: FloatArray, g: FloatArray, _slots: readonly FloatArray[], _step: number, lr: number): void {
        for (let i = 0; i < w.length; i++) w[i]! -= lr * (g[i]! + weightDecay * w[i]!);
      },
    };
  }
  return {
    name: 'sgd', config, slots: ['momentum'],
    update(w: FloatArray, g: FloatArray, slots: readonly FloatArray[], _step: number, lr: number): void {
      const b = slots[0]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]! + weightDecay * w[i]!;
        const bi = momentum * b[i]! + gi;
        b[i] = bi;
        w[i]! -= lr * (nesterov ? gi + momentum * bi : bi);
      }
    },
  };
}
