import { UsageError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

/*
 * CMA-ES, the (μ/μ_w, λ) evolution strategy with covariance matrix adaptation, following
 * N. Hansen, "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772), with its default
 * parameters: weighted recombination, cumulative step-size adaptation, rank-one and rank-μ
 * covariance updates, and the h_σ stall of the evolution path. It needs no gradient and
 * copes with the kinks of a max-error objective, which is why constant fitting uses it.
 */

/** What to minimise and where to start. */
export interface CmaEsOptions {
  /** The function to minimise; NaN counts as +Infinity. */
  readonly objective: (x: Float64Array) => number;
  readonly initial: ArrayLike<number>;
  /** Initial step size σ (about a quarter of the expected distance to the optimum). */
  readonly sigma: number;
  readonly rng: Rng;
  /** Stop after this many objective evaluations (default 1000·n²-ish: 200 + 150·n·(n+1)). */
  readonly maxEvaluations?: number;
  /** λ, offspring per generation (default 4 + ⌊3 ln n⌋). */
  readonly populationSize?: number;
  /** Stop when the best values of the last generations and this one differ by less (default 1e-15 relative). */
  readonly tolFun?: number;
  /** Stop when σ times every axis of the distribution is below this (default 1e-14 · initial σ). */
  readonly tolX?: number;
  /** Stop as soon as a value at or below this is found (default -Infinity). */
  readonly target?: number;
}

/** Why CMA-ES stopped. */
export type CmaEsStop = 'maxEvaluations' | 'tolFun' | 'tolX' | 'target' | 'conditionNumber' | 'noEffect';

/** The best point seen, its value, and the cost of finding it. */
export interface CmaEsResult {
  readonly best: Float64Array;
  readonly bestValue: number;
  readonly evaluations: number;
  readonly generations: number;
  readonly stop: CmaEsStop;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new UsageError(`cmaEs: ${message}`);
}

/**
 * Minimises `objective` by CMA-ES from `initial` with step size `sigma`, drawing every sample
 * from `rng`. Returns the best point ever evaluated (not the mean), so it never returns worse
 * than its best sample.
 *
 * @example
 * const { best } = cmaEs({ objective: (x) => x[0]! ** 2 + x[1]! ** 2, initial: [1, 1], sigma: 0.5, rng: new Rng(1) });
 */
export function cmaEs(options: CmaEsOptions): CmaEsResult {
  const n = options.initial.length;
  check(n >= 1, 'initial must hold at least one number');
  check(Array.from(options.initial).every(Number.isFinite), 'initial must be finite numbers');
  check(options.sigma > 0 && Number.isFinite(options.sigma), `sigma must be a finite number > 0, got ${options.sigma}`);
  const lambda = options.populationSize ?? 4 + Math.floor(3 * Math.log(n));
  check(Number.isInteger(lambda) && lambda >= 2, `populationSize must be a whole number >= 2, got ${lambda}`);
  const maxEvaluations = options.maxEvaluations ?? 200 + 150 * n * (n + 1);
  check(Number.isInteger(maxEvaluations) && maxEvaluations >= 1, `maxEvaluations must be a whole number >= 1, got ${maxEvaluations}`);
  const tolFun = options.tolFun ?? 1e-15;
  const tolX = options.tolX ?? 1e-14 * options.sigma;
  const target = options.target ?? -Infinity;
  const { objective, rng } = options;

  // Strategy parameters (Hansen's tutorial, Table 1).
  const mu = Math.floor(lambda / 2);
  const weights = new Float64Array(mu);
  for (let i = 0; i < mu; i++) weights[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < mu; i++) weights[i] = weights[i]! / weightSum;
  const muEff = 1 / weights.reduce((s, w) => s + w * w, 0);
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const cs = (muEff + 2) / (n + muEff + 5);
  const c1 = 2 / ((n + 1.3) ** 2 + muEff);
  const cmu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff));
  const damps = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));

  const mean = Float64Array.from(options.initial);
  let sigma = options.sigma;
  const pc = new Float64Array(n);
  const ps = new Float64Array(n);
  const C = new Float64Array(n * n);
  const B = new Float64Array(n * n);
  const D = new Float64Array(n).fill(1);
  const eigenvalues = new Float64Array(n);
  for (let i = 0; i < n; i++) C[i * n + i] = B[i * n + i] = 1;

  const z = new Float64Array(lambda * n); // standard normal draws
  const y = new Float64Array(lambda * n); // B·D·z
  const x = new Float64Array(lambda * n);
  const fitness = new Float64Array(lambda);
  const order = Array.from({ length: lambda }, (_, i) => i);
  const candidate = new Float64Array(n);
  const yMean = new Float64Array(n);
  const invSqrtCy = new Float64Array(n);
  const best = Float64Array.from(mean);
  let bestValue = Infinity;
  let evaluations = 0;
  let generations = 0;
  let eigenAge = 0;
  const history: number[] = [];
  let stop: CmaEsStop = 'maxEvaluations';

  search: while (evaluations + lambda <= maxEvaluations || evaluations === 0) {
    generations++;
    for (let k = 0; k < lambda; k++) {
      for (let i = 0; i < n; i++) z[k * n + i] = rng.normal();
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += B[i * n + j]! * D[j]! * z[k * n + j]!;
        y[k * n + i] = s;
        candidate[i] = x[k * n + i] = mean[i]! + sigma * s;
      }
      const value = objective(candidate);
      evaluations++;
      fitness[k] = Number.isNaN(value) ? Infinity : value;
      if (fitness[k]! < bestValue) {
        bestValue = fitness[k]!;
        best.set(candidate);
      }
    }
    order.sort((a, b) => fitness[a]! - fitness[b]!);
    if (bestValue <= target) {
      stop = 'target';
      break;
    }

    // Recombination: the new mean moves by σ·⟨y⟩_w.
    yMean.fill(0);
    for (let r = 0; r < mu; r++) {
      const k = order[r]!;
      for (let i = 0; i < n; i++) yMean[i]! += weights[r]! * y[k * n + i]!;
    }
    for (let i = 0; i < n; i++) mean[i]! += sigma * yMean[i]!;

    // Step-size path: ps ← (1−cs)ps + √(cs(2−cs)μeff)·C^(−1/2)⟨y⟩_w, with C^(−1/2) = B D⁻¹ Bᵀ.
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += B[i * n + j]! * yMean[i]!;
      invSqrtCy[j] = s / D[j]!;
    }
    const csFactor = Math.sqrt(cs * (2 - cs) * muEff);
    let psNorm = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += B[i * n + j]! * invSqrtCy[j]!;
      ps[i] = (1 - cs) * ps[i]! + csFactor * s;
      psNorm += ps[i]! * ps[i]!;
    }
    psNorm = Math.sqrt(psNorm);
    const hSigma = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * generations)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const ccFactor = Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) pc[i] = (1 - cc) * pc[i]! + hSigma * ccFactor * yMean[i]!;

    // Covariance: rank-one update from pc, rank-μ update from the selected steps.
    const stall = (1 - hSigma) * cc * (2 - cc);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rankMu = 0;
        for (let r = 0; r < mu; r++) {
          const k = order[r]!;
          rankMu += weights[r]! * y[k * n + i]! * y[k * n + j]!;
        }
        const value = (1 - c1 - cmu) * C[i * n + j]! + c1 * (pc[i]! * pc[j]! + stall * C[i * n + j]!) + cmu * rankMu;
        C[i * n + j] = C[j * n + i] = value;
      }
    }
    sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));

    // The eigen-decomposition is O(n³); refreshing it every few generations keeps the cost
    // per sample O(n²) as the tutorial recommends.
    if (++eigenAge >= Math.max(1, Math.floor(1 / ((c1 + cmu) * n * 10)))) {
      eigenAge = 0;
      symmetricEigen(C, n, eigenvalues, B);
      for (let i = 0; i < n; i++) {
        if (!(eigenvalues[i]! > 0)) {
          stop = 'conditionNumber';
          break search;
        }
        D[i] = Math.sqrt(eigenvalues[i]!);
      }
      const dMax = Math.max(...D);
      const dMin = Math.min(...D);
      if ((dMax / dMin) ** 2 > 1e14) {
        stop = 'conditionNumber';
        break;
      }
    }

    history.push(fitness[order[0]!]!);
    const window = 10 + Math.ceil((30 * n) / lambda);
    if (history.length >= window) {
      const recent = history.slice(-window);
      const range = Math.max(...recent, ...fitness) - Math.min(...recent, ...fitness);
      if (range <= tolFun * Math.max(Math.abs(bestValue), 1e-300)) {
        stop = 'tolFun';
        break;
      }
    }
    let allSmall = true;
    for (let i = 0; i < n; i++) if (sigma * Math.max(Math.abs(pc[i]!), Math.sqrt(C[i * n + i]!)) > tolX) allSmall = false;
    if (allSmall) {
      stop = 'tolX';
      break;
    }
    let moved = false;
    for (let i = 0; i < n; i++) if (mean[i]! + 0.2 * sigma * Math.sqrt(C[i * n + i]!) !== mean[i]) moved = true;
    if (!moved) {
      stop = 'noEffect';
      break;
    }
  }
  return { best, bestValue, evaluations, generations, stop };
}
