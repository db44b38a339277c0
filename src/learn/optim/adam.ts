import type { FloatArray } from '../tensor/tensor.ts';
import { decayRate, nonNegative, positive, type UpdateRule } from './rule.ts';

/** Options of `adam` and `adamw`. */
export interface AdamOptions {
  /** Decay of the first-moment average (default 0.9). */
  readonly beta1?: number;
  /** Decay of the second-moment average (default 0.999). */
  readonly beta2?: number;
  /** Added to √v̂ so that a zero gradient divides by no zero (default 1e-8). */
  readonly epsilon?: number;
}

/** Options of `adamw`. */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay λ (default 0.01, PyTorch's). */
  readonly weightDecay?: number;
}

/**
 * Adam (Kingma and Ba 2015): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * w ← w − lr·m̂/(√v̂ + ε), with the bias-corrected m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
 */
export function adam(options: AdamOptions = {}): UpdateRule {
  return adamRule('adam', options, 0);
}

/**
 * AdamW (Loshchilov and Hutter 2019): Adam with the weight decay taken out of the gradient,
 * w ← w − lr·(m̂/(√v̂ + ε) + λ·w), so decay does not pass through the adaptive scaling.
 */
export function adamw(options: AdamWOptions = {}): UpdateRule {
  return adamRule('adamw', options, nonNegative('adamw', 'weightDecay', options.weightDecay ?? 0.01));
}

function adamRule(name: string, options: AdamOptions, weightDecay: number): UpdateRule {
  const beta1 = decayRate(name, 'beta1', options.beta1 ?? 0.9);
  const beta2 = decayRate(name, 'beta2', options.beta2 ?? 0.999);
  const epsilon = positive(name, 'epsilon', options.epsilon ?? 1e-8);
  const config: Record<string, number> = { beta1, beta2, epsilon };
  if (name === 'adamw') config.weightDecay = weightDecay;
  return {
    name, config, slots: ['m', 'v'],
    update(w: FloatArray, g: FloatArray, slots: readonly FloatArray[], step: number, lr: number): void {
      const m = slots[0]!, v = slots[1]!;
      // m̂/(√v̂ + ε) = (m/c1)/(√v/√c2 + ε): the corrections become two scalars per step,
      // taken as reciprocals so that an element costs one square root and one division.
      const stepSize = lr / (1 - beta1 ** step);
      const inverseRootC2 = 1 / Math.sqrt(1 - beta2 ** step);
      const decay = lr * weightDecay;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * gi;
        const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        const wi = w[i]!;
        w[i] = wi - stepSize * mi / (Math.sqrt(vi) * inverseRootC2 + epsilon) - decay * wi;
      }
    },
  };
}
