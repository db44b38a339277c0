/**
 * Nonlinear least squares by Levenberg–Marquardt, for fitting the few constants of a
 * candidate program. It works on preallocated Float64Arrays and calls `residuals` once per
 * evaluation of all rows, so a compiled program is evaluated in one loop: npm's
 * ml-levenberg-marquardt calls a closure per point and allocates matrices per step, which
 * dominates when thousands of small candidates are fitted per second.
 */

/** What to fit: residuals(params) over `rows` points, started from `initial`. */
export interface LeastSquaresProblem {
  /** Number of residuals. */
  readonly rows: number;
  /** Writes the residual of each row for `params` into `out` (length `rows`). */
  readonly residuals: (params: Float64Array, out: Float64Array) => void;
  readonly initial: Float64Array;
  /** Stop after this many accepted or rejected steps (default 50). */
  readonly maxIterations?: number;
  /** Stop when a step improves the sum of squares by less than this fraction (default 1e-12). */
  readonly relativeTolerance?: number;
}

/** The best parameters found and their sum of squared residuals. */
export interface LeastSquaresFit {
  readonly params: Float64Array;
  readonly sumOfSquares: number;
  readonly iterations: number;
}

/** Minimises the sum of squared residuals; non-finite residuals count as an infinite sum. */
export function levenbergMarquardt(problem: LeastSquaresProblem): LeastSquaresFit {
  const { rows, residuals, initial } = problem;
  const maxIterations = problem.maxIterations ?? 50;
  const tolerance = problem.relativeTolerance ?? 1e-12;
  const k = initial.length;
  const params = Float64Array.from(initial);
  const r = new Float64Array(rows);
  residuals(params, r);
  let sse = sumOfSquares(r);
  if (k === 0 || !Number.isFinite(sse)) return { params, sumOfSquares: sse, iterations: 0 };

  const jacobian = new Float64Array(rows * k); // row-major: jacobian[i * k + j] = d r_i / d p_j
  const shifted = new Float64Array(rows);
  const trial = new Float64Array(k);
  const trialResiduals = new Float64Array(rows);
  const normal = new Float64Array(k * k);
  const gradient = new Float64Array(k);
  const step = new Float64Array(k);
  const cholesky = new Float64Array(k * k);
  let damping = 1e-3;
  let iterations = 0;
  let jacobianStale = true;

  while (iterations < maxIterations && sse > 0) {
    iterations++;
    if (jacobianStale) {
      if (!forwardDifferenceJacobian(residuals, params, r, shifted, jacobian)) break;
      formNormalEquations(jacobian, r, rows, k, normal, gradient);
      jacobianStale = false;
    }
    for (let j = 0; j < k; j++) step[j] = -gradient[j]!;
    if (!solveDamped(normal, damping, step, k, cholesky)) {
      damping *= 10;
      continue;
    }
    for (let j = 0; j < k; j++) trial[j] = params[j]! + step[j]!;
    residuals(trial, trialResiduals);
    const trialSse = sumOfSquares(trialResiduals);
    if (trialSse < sse) {
      const improvement = (sse - trialSse) / sse;
      params.set(trial);
      r.set(trialResiduals);
      sse = trialSse;
      damping = Math.max(damping / 10, 1e-12);
      jacobianStale = true;
      if (improvement < tolerance) break;
    } else {
      damping *= 10;
      if (damping > 1e12) break;
    }
  }
  return { params, sumOfSquares: sse, iterations };
}

function sumOfSquares(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return Number.isNaN(s) ? Infinity : s;
}

/** Fills the Jacobian by forward differences; false when a shifted evaluation is not finite. */
function forwardDifferenceJacobian(
  residuals: LeastSquaresProblem['residuals'],
  params: Float64Array,
  base: Float64Array,
  shifted: Float64Array,
  jacobian: Float64Array,
): boolean {
  const k = params.length;
  const rows = base.length;
  for (let j = 0; j < k; j++) {
    const original = params[j]!;
    const h = 1.4901161193847656e-8 * Math.max(1, Math.abs(original)); // sqrt(machine epsilon)
    params[j] = original + h;
    residuals(params, shifted);
    params[j] = original;
    for (let i = 0; i < rows; i++) {
      const d = (shifted[i]! - base[i]!) / h;
      if (!Number.isFinite(d)) return false;
      jacobian[i * k + j] = d;
    }
  }
  return true;
}

function formNormalEquations(jacobian: Float64Array, r: Float64Array, rows: number, k: number, normal: Float64Array, gradient: Float64Array): void {
  normal.fill(0);
  gradient.fill(0);
  for (let i = 0; i < rows; i++) {
    const ri = r[i]!;
    const offset = i * k;
    for (let a = 0; a < k; a++) {
      const ja = jacobian[offset + a]!;
      gradient[a]! += ja * ri;
      for (let b = 0; b <= a; b++) normal[a * k + b]! += ja * jacobian[offset + b]!;
    }
  }
}

/**
 * Solves (JᵀJ + λ·diag(JᵀJ)) x = rhs in place by Cholesky on the lower triangle of `normal`;
 * false when the damped matrix is not positive definite.
 */
function solveDamped(normal: Float64Array, damping: number, rhs: Float64Array, k: number, l: Float64Array): boolean {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = normal[a * k + b]!;
      if (a === b) sum += damping * Math.max(normal[a * k + a]!, 1e-12);
      for (let c = 0; c < b; c++) sum -= l[a * k + c]! * l[b * k + c]!;
      if (a === b) {
        if (!(sum > 0)) return false;
        l[a * k + a] = Math.sqrt(sum);
      } else {
        l[a * k + b] = sum / l[b * k + b]!;
      }
    }
  }
  for (let a = 0; a < k; a++) {
    let sum = rhs[a]!;
    for (let c = 0; c < a; c++) sum -= l[a * k + c]! * rhs[c]!;
    rhs[a] = sum / l[a * k + a]!;
  }
  for (let a = k - 1; a >= 0; a--) {
    let sum = rhs[a]!;
    for (let c = a + 1; c < k; c++) sum -= l[c * k + a]! * rhs[c]!;
    rhs[a] = sum / l[a * k + a]!;
  }
  return true;
}
