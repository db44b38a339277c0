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
  const fit = minimaxInU(target, interval, m, n);
  if (fit === undefined) return undefined;
  const [low, high] = interval;
  const half = (high - low) / 2;
  const mid = (low + high) / 2;
  const p = composeLinear(fit.numerator, 1 / half, -mid / half);
  const q = composeLinear(fit.denominator, 1 / half, -mid / half);
  return rationalProgram(p, q, options);
}

function minimaxInU(target: Target, interval: Interval, m: number, n: number) {
  try {
    const fit = remez({ f: target.fast, interval, numeratorDegree: m, denominatorDegree: n });
    return Number.isFinite(fit.maxError) ? fit : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Argument halving then squaring, for targets with f(x) = f(x/2)²: the minimax polynomial of
 * degree m for f on the interval scaled by 2^−k, evaluated at x·2^−k and squared k times.
 */
export function halvingProgram(target: Target, interval: Interval, m: number, k: number, options: HornerOptions = {}): Graph | undefined {
  if (target.squares !== true) return undefined;
  const scale = 2 ** -k;
  const fit = minimaxInU(target, [interval[0] * scale, interval[1] * scale], m, 0);
  if (fit === undefined) return undefined;
  const half = ((interval[1] - interval[0]) * scale) / 2;
  const mid = ((interval[0] + interval[1]) * scale) / 2;
  const b = new ProgramBuilder();
  const y = b.op('mul', X, b.constant(scale));
  let value = appendHorner(b, y, composeLinear(fit.numerator, 1 / half, -mid / half), options);
  for (let i = 0; i < k; i++) value = b.op('mul', value, value);
  return b.finish(value);
}
