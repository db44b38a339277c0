/** A mean with its two-sided 95% confidence interval. */
export interface MeanInterval {
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

// Two-sided 95% Student-t critical values for 1..29 degrees of freedom.
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045,
];

/**
 * The 97.5% quantile of Student's t with `df` degrees of freedom: a table below 30, the
 * Cornish-Fisher expansion around the normal quantile above (error < 1e-3).
 */
export function tCritical975(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df < 30) return T_975[Math.floor(df) - 1]!;
  const z = 1.959963984540054;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean and t-based 95% interval of a sample; a single value gives a zero-width interval. */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const n = values.length;
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN] };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n === 1) return { mean, ci95: [mean, mean] };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const half = tCritical975(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean, ci95: [mean - half, mean + half] };
}
