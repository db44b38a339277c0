import { Decimal } from 'decimal.js';
import { ReferenceDecimal } from './targets.ts';

/**
 * The coefficients in x of Σ c_k·(α·x + β)^k, computed in high precision and rounded once,
 * so that changing variable (u ∈ [−1, 1], or h = x − x0) adds no error beyond the final
 * rounding of each coefficient.
 */
export function composeLinear(coefficients: ArrayLike<number | Decimal>, alpha: number | Decimal, beta: number | Decimal): number[] {
  const D = ReferenceDecimal;
  const a = new D(alpha);
  const b = new D(beta);
  const n = coefficients.length;
  const out: Decimal[] = Array.from({ length: n }, () => new D(0));
  let power: Decimal[] = [new D(1)]; // (αx + β)^k, lowest degree first
  for (let k = 0; k < n; k++) {
    const c = new D(coefficients[k]!);
    for (let j = 0; j < power.length; j++) out[j] = out[j]!.add(c.mul(power[j]!));
    const next: Decimal[] = Array.from({ length: power.length + 1 }, () => new D(0));
    for (let j = 0; j < power.length; j++) {
      next[j] = next[j]!.add(power[j]!.mul(b));
      next[j + 1] = next[j + 1]!.add(power[j]!.mul(a));
    }
    power = next;
  }
  return out.map((c) => c.toNumber());
}
