import { remez } from '../../learn/remez.ts';
import { solveDense } from '../../learn/dense-solve.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { composeLinear } from './polynomial-shift.ts';
import { ProgramBuilder, X, appendHorner, rationalProgram, type HornerOptions } from './program-builder.ts';
import { ReferenceDecimal, type Interval, type Target } from './targets.ts';

/*
 * The classic approximations, each built as a program so it is scored by exactly the code
 * and error measure that score the search's programs. Degrees are [m/n]: numerator degree m,
 * denominator degree n (n = 0 for a polynomial).
 */

/** Series per target and centre: best-centring asks for the same centres for every degree. */
const seriesCache = new WeakMap<Target, Map<number, number[]>>();
const SERIES_ORDER = 24;

/** Taylor coefficients of the target at x0 up to `order` (≤ 24), rounded to float64 and cached. */
function series(target: Target, x0: number, order: number): number[] | undefined {
  if (target.taylor === undefined || order > SERIES_ORDER) return undefined;
  let perTarget = seriesCache.get(target);
  if (perTarget === undefined) seriesCache.set(target, (perTarget = new Map()));
  let values = perTarget.get(x0);
  if (values === undefined) {
    values = target.taylor(new ReferenceDecimal(x0), SERIES_ORDER).map((d) => d.toNumber());
    if (perTarget.size > 256) perTarget.clear();
    perTarget.set(x0, values);
  }
  return values.slice(0, order + 1);
}

/** The Taylor polynomial of degree m at x0, expanded in powers of x. */
export function taylorProgram(target: Target, x0: number, m: number, options: HornerOptions = {}): Graph | undefined {
  const c = series(target, x0, m);
  return c === undefined ? undefined : rationalProgram(composeLinear(c, 1, -x0), [1], options);
}

/**
 * The Padé approximant [m/n] at x0: p/q with q(0) = 1 whose series agrees with the target's
 * to order m + n. Undefined when the Padé system is singular (a degenerate block).
 */
export function padeProgram(target: Target, x0: number, m: number, n: number, options: HornerOptions = {}): Graph | undefined {
  const c = series(target, x0, m + n);
  if (c === undefined) return undefined;
  const q = new Float64Array(n + 1);
  q[0] = 1;
  if (n > 0) {
    // Σ_{j=1..n} q_j·c_{m+k−j} = −c_{m+k} for k = 1..n.
    const matrix = new Float64Array(n * n);
    const rhs = new Float64Array(n);
    for (let k = 1; k <= n; k++) {
      for (let j = 1; j <= n; j++) matrix[(k - 1) * n + (j - 1)] = m + k - j >= 0 ? c[m + k - j]! : 0;
      rhs[k - 1] = -c[m + k]!;
    }
    if (!solveDense(matrix, rhs, n)) return undefined;
    q.set(rhs, 1);
  }
  const p = Array.from({ length: m + 1 }, (_, i) => {
    let s = 0;
    for (let j = 0; j <= Math.min(i, n); j++) s += q[j]! * c[i - j]!;
    return s;
  });
  return rationalProgram(composeLinear(p, 1, -x0), composeLinear(q, 1, -x0), options);
}

/** The minimax [m/n] for relative error on the interval, as p(x)/q(x) with a monic q; undefined if Remez fails. */
export function minimaxProgram(target: Target, interval: Interval, m: number, n: number, options: HornerOptions = {}): Graph | undefined {
  const fit = minimaxInX(target.fast, interval, m, n);
  return fit === undefined ? undefined : rationalProgram(fit.p, fit.q, options);
}

/** The Remez minimax [m/n] for relative error of f on the interval, coefficients in powers of x. */
function minimaxInX(f: (x: number) => number, interval: Interval, m: number, n: number): { p: number[]; q: number[] } | undefined {
  let fit;
  try {
    fit = remez({ f, interval, numeratorDegree: m, denominatorDegree: n });
  } catch {
    return undefined;
  }
  if (!Number.isFinite(fit.maxError)) return undefined;
  const [low, high] = interval;
  const half = (high - low) / 2;
  const mid = (low + high) / 2;
  return { p: composeLinear(fit.numerator, 1 / half, -mid / half), q: composeLinear(fit.denominator, 1 / half, -mid / half) };
}

/**
 * The minimax [n/n] as c + r(x)/q(x), q monic and r of degree n − 1 (the remainder of p by
 * q, c = p's leading coefficient): one op fewer than p/q, since p's top Horner step becomes
 * the single add of c. Undefined for n = 0 or when Remez fails.
 */
export function partialFractionProgram(target: Target, interval: Interval, n: number, options: HornerOptions = {}): Graph | undefined {
  const fit = n < 1 ? undefined : minimaxInX(target.fast, interval, n, n);
  return fit === undefined ? undefined : partialFractionFrom(fit.p, fit.q, options).finish();
}

/** A builder holding c + r/q for the coefficients p/q (same degree), its result last. */
function partialFractionFrom(p: readonly number[], q: readonly number[], options: HornerOptions): { builder: ProgramBuilder; value: number; finish: () => Graph } {
  const lead = q[q.length - 1]!;
  const monic = q.map((v) => v / lead);
  const c = p[p.length - 1]! / lead;
  const remainder = p.slice(0, -1).map((v, k) => v / lead - c * monic[k]!);
  const b = new ProgramBuilder();
  const ratio = b.op('div', appendHorner(b, X, remainder, options), appendHorner(b, X, monic, options));
  const value = b.op('add', ratio, b.constant(c));
  return { builder: b, value, finish: () => b.finish(value) };
}

/**
 * Argument halving then squaring, for targets with f(x) = f(x/2)²: the minimax [m/n] of
 * x ↦ f(x·2^−k) on the interval (the halving folded into its coefficients, so it costs no
 * op), squared k times. A polynomial for n = 0, else the partial-fraction form c + r/q
 * (m = n). Undefined for other degrees or when Remez fails.
 */
export function halvingProgram(target: Target, interval: Interval, m: number, k: number, options: HornerOptions & { readonly denominatorDegree?: number } = {}): Graph | undefined {
  const n = options.denominatorDegree ?? 0;
  if (target.squares !== true || (n !== 0 && n !== m)) return undefined;
  const scale = 2 ** -k;
  const fit = minimaxInX((x) => target.fast(x * scale), interval, m, n);
  if (fit === undefined) return undefined;
  let b: ProgramBuilder;
  let value: number;
  if (n === 0) {
    b = new ProgramBuilder();
    value = appendHorner(b, X, fit.p, options);
  } else {
    ({ builder: b, value } = partialFractionFrom(fit.p, fit.q, options));
  }
  for (let i = 0; i < k; i++) value = b.op('mul', value, value);
  return b.finish(value);
}
