import { Decimal } from 'decimal.js';
import { UsageError } from '../../core/errors.ts';

/** Digits every reference is computed with; results are then rounded once to float64. */
export const REFERENCE_DIGITS = 36;

/** A [low, high] interval of the real line. */
export type Interval = readonly [number, number];

/** A function to approximate: its exact value in high precision and a fast float64 version. */
export interface Target {
  readonly name: string;
  /** The interval used when none is given. */
  readonly defaultInterval: Interval;
  /** The exact value at `x` to at least REFERENCE_DIGITS significant digits. */
  readonly reference: (x: Decimal) => Decimal;
  /**
   * A float64 version accurate to a few float64 ulps, used only where decimal is too slow
   * (the exhaustive float32 verifier); its error is far below one float32 ulp.
   */
  readonly fast: (x: number) => number;
  /**
   * Taylor coefficients f^(k)(x0)/k! for k = 0..order, in high precision, for the Taylor and
   * Padé baselines; absent for user targets.
   */
  readonly taylor?: (x0: Decimal, order: number) => Decimal[];
  /** f(x)·f(low+high−x) is constant on every interval (exp, exp2), enabling the symmetric form. */
  readonly reflective?: boolean;
  /** f(x) = f(x/2)² (exp, exp2), enabling argument halving followed by squaring. */
  readonly squares?: boolean;
}

const D = Decimal.clone({ precision: REFERENCE_DIGITS + 10, rounding: Decimal.ROUND_HALF_EVEN });
const LN2 = D.ln(2);
const TWO_OVER_SQRT_PI = new D(2).div(D.acos(-1).sqrt());

/** Powers a^k/k! for k = 0..order, scaled by `scale`: the Taylor series of scale·e^(a·h). */
function exponentialSeries(scale: Decimal, a: Decimal, order: number): Decimal[] {
  const out: Decimal[] = [scale];
  for (let k = 1; k <= order; k++) out.push(out[k - 1]!.mul(a).div(k));
  return out;
}

/** Taylor coefficients of ln(x) at x0 > 0, scaled by `scale`. */
function logSeries(x0: Decimal, order: number, scale: Decimal): Decimal[] {
  const out: Decimal[] = [D.ln(x0).mul(scale)];
  for (let k = 1; k <= order; k++) out.push(new D(k % 2 === 1 ? 1 : -1).div(x0.pow(k).mul(k)).mul(scale));
  return out;
}

/** erf(x) by its Maclaurin series, with extra digits for the cancellation at large |x|. */
function erf(x: Decimal): Decimal {
  const extra = Math.ceil((x.toNumber() ** 2) / Math.LN10) + 10;
  const W = Decimal.clone({ precision: REFERENCE_DIGITS + 10 + extra });
  const z = new W(x);
  const z2 = z.mul(z);
  const epsilon = new W(10).pow(-(REFERENCE_DIGITS + 8 + extra));
  let term = z; // (-1)^n z^(2n+1) / n!
  let sum = z;
  for (let n = 1; n < 100_000; n++) {
    term = term.mul(z2).neg().div(n);
    const contribution = term.div(2 * n + 1);
    sum = sum.add(contribution);
    if (contribution.abs().lt(epsilon)) break;
  }
  return new D(sum.mul(new W(2).div(W.acos(-1).sqrt())));
}

/** Taylor coefficients of erf at x0: erf^(k)(x0) = 2/√π (−1)^(k−1) H_(k−1)(x0) e^(−x0²). */
function erfSeries(x0: Decimal, order: number): Decimal[] {
  const out: Decimal[] = [erf(x0)];
  const gauss = TWO_OVER_SQRT_PI.mul(D.exp(x0.mul(x0).neg()));
  let previous = new D(0); // H_(n-1)
  let hermite = new D(1); // H_n, physicists' Hermite
  let factorial = new D(1);
  for (let k = 1; k <= order; k++) {
    factorial = factorial.mul(k);
    const n = k - 1;
    const sign = n % 2 === 0 ? 1 : -1;
    out.push(gauss.mul(hermite).mul(sign).div(factorial));
    const next = x0.mul(2).mul(hermite).sub(previous.mul(2 * n));
    previous = hermite;
    hermite = next;
  }
  return out;
}

const BUILT_IN: readonly Target[] = [
  {
    name: 'exp2',
    defaultInterval: [0, 1],
    reference: (x) => D.exp(x.mul(LN2)), // 2.5× faster than D.pow(2, x), same digits
    // V8's Math.pow(2, x) is about 4× slower than exp; rounding x·ln2 adds under 1 float64
    // ulp on [−1, 1] (|x|·2^−53 relative in general), far below a float32 ulp.
    fast: (x) => Math.exp(x * Math.LN2),
    taylor: (x0, order) => exponentialSeries(D.exp(x0.mul(LN2)), LN2, order),
    reflective: true,
    squares: true,
  },
  {
    name: 'exp',
    defaultInterval: [0, 1],
    reference: (x) => D.exp(x),
    fast: Math.exp,
    taylor: (x0, order) => exponentialSeries(D.exp(x0), new D(1), order),
    reflective: true,
    squares: true,
  },
  {
    name: 'ln',
    defaultInterval: [1.5, 3], // away from the root at 1, where relative error is undefined
    reference: (x) => D.ln(x),
    fast: Math.log,
    taylor: (x0, order) => logSeries(x0, order, new D(1)),
  },
  {
    name: 'log2',
    defaultInterval: [1.5, 3], // away from the root at 1, where relative error is undefined
    reference: (x) => D.ln(x).div(LN2),
    fast: Math.log2,
    taylor: (x0, order) => logSeries(x0, order, new D(1).div(LN2)),
  },
  {
    name: 'erf',
    defaultInterval: [0.25, 2],
    reference: erf,
    fast: erfFast,
    taylor: erfSeries,
  },
];

/**
 * erf in float64 for the verifier: the Maclaurin series below 0.5; up to 3 the series
 * e^(−x²)·Σ 2^n x^(2n+1)/(2n+1)!!, whose terms are all positive so nothing cancels; above
 * that, 1 − erfc by its continued fraction.
 */
function erfFast(x: number): number {
  const ax = Math.abs(x);
  const x2 = x * x;
  if (ax < 0.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 40; n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return sum * 1.1283791670955126;
  }
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
    }
    return Math.sign(x) * sum * Math.exp(-x2) * 1.1283791670955126;
  }
  let f = 0;
  for (let k = 60; k >= 1; k--) f = k / 2 / (ax + f);
  const erfc = Math.exp(-x2) / (ax + f) / 1.7724538509055159;
  return Math.sign(x) * (1 - erfc);
}

/** The names of the built-in targets. */
export const TARGET_NAMES: readonly string[] = BUILT_IN.map((t) => t.name);

/** A built-in target by name; a UsageError lists the known ones. */
export function builtInTarget(name: string): Target {
  const target = BUILT_IN.find((t) => t.name === name);
  if (target === undefined) throw new UsageError(`unknown target '${name}'; known targets: ${TARGET_NAMES.join(', ')}`);
  return target;
}

/** What a user target needs: a name, a high-precision reference, a float64 version and an interval. */
export interface CustomTargetOptions {
  readonly name: string;
  readonly reference: (x: Decimal) => Decimal;
  readonly fast: (x: number) => number;
  readonly defaultInterval: Interval;
}

/** Wraps a user function with a high-precision reference as a target, validating it at once. */
export function customTarget(options: CustomTargetOptions): Target {
  if (typeof options.name !== 'string' || options.name === '') throw new UsageError('customTarget: name must be a non-empty string');
  if (typeof options.reference !== 'function' || typeof options.fast !== 'function') throw new UsageError(`customTarget '${options.name}': reference and fast must be functions`);
  checkInterval(options.defaultInterval, `customTarget '${options.name}': defaultInterval`);
  return { name: options.name, reference: options.reference, fast: options.fast, defaultInterval: options.defaultInterval };
}

/** Throws a UsageError unless `interval` is two finite numbers with low < high. */
export function checkInterval(interval: unknown, what = 'interval'): Interval {
  if (!Array.isArray(interval) || interval.length !== 2 || !interval.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(interval[0] < interval[1])) {
    throw new UsageError(`${what} must be two finite numbers low < high, got ${JSON.stringify(interval)}`);
  }
  return [interval[0] as number, interval[1] as number];
}

/** The decimal class references are computed in (precision REFERENCE_DIGITS + 10). */
export const ReferenceDecimal = D;
