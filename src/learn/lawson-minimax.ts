import { levenbergMarquardt } from './levenberg-marquardt.ts';

/**
 * Nonlinear minimax fitting by Lawson's iteratively reweighted least squares: each round fits
 * the weighted sum Σ wᵢ·rᵢ(p)² by Levenberg–Marquardt from the previous round's parameters,
 * then multiplies each weight by |rᵢ|, so the weight gathers on the points where the error
 * peaks and the least-squares optimum moves towards the minimax one (for a linear model
 * Lawson's weights converge to the minimax solution; for a smooth nonlinear one the same
 * holds near it). Each round costs a few Jacobians by forward differences, far fewer
 * evaluations than a derivative-free search needs to reach 1e-15 relative error.
 */

/** What to fit: residuals over `rows` points, started from `initial`. */
export interface MinimaxProblem {
  readonly rows: number;
  /** Writes the residual of each row for `params` into `out` (length `rows`). */
  readonly residuals: (params: Float64Array, out: Float64Array) => void;
  readonly initial: ArrayLike<number>;
  /** Reweighting rounds (default 24). */
  readonly rounds?: number;
  /** Levenberg–Marquardt steps per round (default 6). */
  readonly stepsPerRound?: number;
}

/** The parameters with the smallest maximum residual seen, and that maximum. */
export interface MinimaxFit {
  readonly params: Float64Array;
  readonly maxResidual: number;
}

/** max |out[i]|, Infinity when any is not finite. */
export function maxAbs(out: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < out.length; i++) {
    const a = Math.abs(out[i]!);
    if (!(a <= worst)) {
      if (Number.isNaN(a)) return Infinity;
      worst = a;
    }
  }
  return worst;
}

/** Minimises max |rᵢ(p)| from `initial`; never returns parameters worse than `initial`. */
export function lawsonMinimax(problem: MinimaxProblem): MinimaxFit {
  const { rows, residuals } = problem;
  const rounds = problem.rounds ?? 24;
  const steps = problem.stepsPerRound ?? 6;
  const r = new Float64Array(rows);
  let best: Float64Array = Float64Array.from(problem.initial);
  residuals(best, r);
  let bestMax = maxAbs(r);
  if (best.length === 0 || !Number.isFinite(bestMax) || bestMax === 0) return { params: best, maxResidual: bestMax };
  const weights = new Float64Array(rows).fill(1 / rows);
  const root = new Float64Array(rows);
  let current: Float64Array = best;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < rows; i++) root[i] = Math.sqrt(weights[i]!);
    const fit = levenbergMarquardt({
      rows,
      residuals: (p, out) => {
        residuals(p, out);
        for (let i = 0; i < rows; i++) out[i]! *= root[i]!;
      },
      initial: current,
      maxIterations: steps,
    });
    current = fit.params;
    residuals(current, r);
    const worst = maxAbs(r);
    if (!Number.isFinite(worst)) break;
    if (worst < bestMax) [best, bestMax] = [Float64Array.from(current), worst];
    let total = 0;
    for (let i = 0; i < rows; i++) total += (weights[i]! *= Math.abs(r[i]!) / worst);
    if (!(total > 0)) break;
    // A floor keeps every point in play, so a point whose error was small can regain weight.
    for (let i = 0; i < rows; i++) weights[i] = Math.max(weights[i]! / total, 1e-12);
  }
  return { params: best, maxResidual: bestMax };
}
