import { UsageError } from '../core/errors.ts';
import { solveDense } from './dense-solve.ts';

/*
 * Best uniform (minimax) rational approximation p/q of degrees [m/n] to f on [a, b] under a
 * weight w, by the Remez exchange algorithm (Remez 1934; the rational form as in Cody,
 * Fraser and Hart 1968). The weight 1/|f| gives minimax relative error. Work is done in
 * u = (2x − a − b)/(b − a) ∈ [−1, 1], where the monomial basis is well conditioned at the
 * low degrees used here; coefficients come back in u.
 */

/** What to approximate. */
export interface RemezOptions {
  readonly f: (x: number) => number;
  readonly interval: readonly [number, number];
  readonly numeratorDegree: number;
  /** 0 for a polynomial. */
  readonly denominatorDegree?: number;
  /** Minimise relative error |f − r|/|f| (default true), else absolute error. */
  readonly relative?: boolean;
  /** Most exchange steps (default 60). */
  readonly maxIterations?: number;
}

/** p(u)/q(u) with q(u) = 1 + q1·u + …, u = (2x − a − b)/(b − a), and its levelled error. */
export interface RemezResult {
  /** Coefficients of p in u, lowest degree first. */
  readonly numerator: Float64Array;
  /** Coefficients of q in u, lowest degree first, q[0] = 1. */
  readonly denominator: Float64Array;
  /** The largest weighted error found on a dense grid. */
  readonly maxError: number;
  /** Points (in x) where the error alternates. */
  readonly extrema: Float64Array;
  readonly iterations: number;
  /** True when the alternating errors agreed to 1e-6 relative. */
  readonly converged: boolean;
}

function horner(c: Float64Array, u: number): number {
  let s = 0;
  for (let k = c.length - 1; k >= 0; k--) s = s * u + c[k]!;
  return s;
}

/** Computes the minimax rational approximation; throws a UsageError for bad degrees or interval. */
export function remez(options: RemezOptions): RemezResult {
  const m = options.numeratorDegree;
  const n = options.denominatorDegree ?? 0;
  const [a, b] = options.interval;
  if (!Number.isInteger(m) || m < 0 || !Number.isInteger(n) || n < 0) throw new UsageError(`remez: degrees must be whole numbers >= 0, got [${m}/${n}]`);
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) throw new UsageError(`remez: interval must be finite with low < high, got [${a}, ${b}]`);
  const relative = options.relative ?? true;
  const maxIterations = options.maxIterations ?? 60;
  const mid = (a + b) / 2;
  const half = (b - a) / 2;
  const fu = (u: number) => options.f(mid + half * u);
  const weight = (fx: number) => (relative ? 1 / Math.abs(fx) : 1);
  const size = m + n + 2;

  let p = new Float64Array(m + 1);
  let q = new Float64Array(n + 1);
  q[0] = 1;
  const error = (u: number) => {
    const fx = fu(u);
    return (fx - horner(p, u) / horner(q, u)) * weight(fx);
  };

  let refs: Float64Array = Float64Array.from({ length: size }, (_, i) => -Math.cos((Math.PI * i) / (size - 1)));
  const gridSize = Math.max(4000, 300 * size);
  const grid = Float64Array.from({ length: gridSize }, (_, i) => -Math.cos((Math.PI * i) / (gridSize - 1)));
  let maxError = Infinity;
  let converged = false;
  let iterations = 0;
  let levelled = 0;
  let qPrevious = Float64Array.from(q);

  for (; iterations < maxIterations; iterations++) {
    // Solve p(u_i) − f_i·q(u_i) = (−1)^i·E·q̂(u_i)/w_i, linear in p, q and E with q̂ the last
    // denominator; a few inner rounds make q̂ = q (exact for polynomials in one round).
    for (let inner = 0; inner < (n === 0 ? 1 : 8); inner++) {
      const matrix = new Float64Array(size * size);
      const rhs = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const u = refs[i]!;
        const fx = fu(u);
        let power = 1;
        for (let k = 0; k <= m; k++, power *= u) matrix[i * size + k] = power;
        power = u;
        for (let k = 1; k <= n; k++, power *= u) matrix[i * size + m + k] = -fx * power;
        matrix[i * size + size - 1] = ((i % 2 === 0 ? 1 : -1) * horner(qPrevious, u)) / weight(fx);
        rhs[i] = fx;
      }
      if (!solveDense(matrix, rhs, size)) throw new UsageError(`remez: the [${m}/${n}] system is singular on [${a}, ${b}]; try other degrees`);
      p = Float64Array.from(rhs.subarray(0, m + 1));
      q = Float64Array.of(1, ...rhs.slice(m + 1, m + 1 + n));
      levelled = Math.abs(rhs[size - 1]!);
      const change = q.reduce((s, v, k) => Math.max(s, Math.abs(v - qPrevious[k]!)), 0);
      qPrevious = q;
      if (change < 1e-15) break;
    }
    const extrema = alternatingExtrema(error, grid, size);
    maxError = extrema.reduce((s, u) => Math.max(s, Math.abs(error(u))), 0);
    refs = extrema;
    // Float64 evaluation leaves noise of a few ulps of f in the error, so levelling finer
    // than that is not possible (nor needed).
    if (maxError - levelled <= Math.max(1e-6 * maxError, 1e-15)) {
      converged = true;
      iterations++;
      break;
    }
  }
  // A denominator with a root in the interval is a pole, not an approximation.
  for (const u of grid) if (!(horner(q, u) > 0)) maxError = Infinity;
  return { numerator: p, denominator: q, maxError, extrema: refs.map((u) => mid + half * u), iterations, converged };
}

/**
 * `count` points of alternating error sign where |error| is locally largest: local extrema
 * on the grid, each refined by golden-section search, merged when neighbours share a sign,
 * then trimmed from whichever end holds the smaller error.
 */
function alternatingExtrema(error: (u: number) => number, grid: Float64Array, count: number): Float64Array {
  const values = grid.map(error);
  const found: { u: number; e: number }[] = [];
  for (let i = 0; i < grid.length; i++) {
    const e = Math.abs(values[i]!);
    const left = i > 0 ? Math.abs(values[i - 1]!) : -1;
    const right = i + 1 < grid.length ? Math.abs(values[i + 1]!) : -1;
    if (e >= left && e >= right) {
      const u = i === 0 || i === grid.length - 1 ? grid[i]! : refineMaximum(error, grid[i - 1]!, grid[i + 1]!);
      found.push({ u, e: error(u) });
    }
  }
  let merged = mergeSameSign(found);
  // Rounding noise near the zeros of the error makes tiny spurious alternations: drop the
  // smallest extremum (its neighbours then share a sign and merge) until `count` are left.
  while (merged.length > count) {
    if (merged.length === count + 1) {
      if (Math.abs(merged[0]!.e) < Math.abs(merged[merged.length - 1]!.e)) merged.shift();
      else merged.pop();
      continue;
    }
    let smallest = 0;
    for (let i = 1; i < merged.length; i++) if (Math.abs(merged[i]!.e) < Math.abs(merged[smallest]!.e)) smallest = i;
    merged.splice(smallest, 1);
    merged = mergeSameSign(merged);
  }
  if (merged.length < count) {
    // Too few alternations: keep the old spread of points, which still makes progress.
    return Float64Array.from({ length: count }, (_, i) => -Math.cos((Math.PI * i) / (count - 1)));
  }
  return Float64Array.from(merged, (p) => p.u);
}

/** Keeps the larger of each run of neighbours whose errors share a sign. */
function mergeSameSign(points: readonly { u: number; e: number }[]): { u: number; e: number }[] {
  const merged: { u: number; e: number }[] = [];
  for (const point of points) {
    const last = merged[merged.length - 1];
    if (last !== undefined && Math.sign(last.e) === Math.sign(point.e)) {
      if (Math.abs(point.e) > Math.abs(last.e)) merged[merged.length - 1] = point;
    } else merged.push(point);
  }
  return merged;
}

/** The point of largest |error| in [low, high] by golden-section search. */
function refineMaximum(error: (u: number) => number, low: number, high: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = high - ratio * (high - low);
  let x2 = low + ratio * (high - low);
  let e1 = Math.abs(error(x1));
  let e2 = Math.abs(error(x2));
  for (let k = 0; k < 40; k++) {
    if (e1 > e2) {
      high = x2;
      x2 = x1;
      e2 = e1;
      x1 = high - ratio * (high - low);
      e1 = Math.abs(error(x1));
    } else {
      low = x1;
      x1 = x2;
      e1 = e2;
      x2 = low + ratio * (high - low);
      e2 = Math.abs(error(x2));
    }
  }
  return (low + high) / 2;
}
