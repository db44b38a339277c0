import { wholeNumber, numberIn } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import { adam } from '../../learn/optim/index.ts';

/*
 * The evolution strategy of Salimans, Ho, Chen, Sidor and Sutskever ("Evolution Strategies as a
 * Scalable Alternative to Reinforcement Learning", 2017): Gaussian perturbations of the mean
 * in antithetic pairs, fitness shaped into centred ranks, the resulting gradient estimate
 * followed by Adam. Weight decay and the virtual batch norm of the paper are left out.
 */

/** Options of `evolutionStrategy`. */
export interface EvolutionStrategyOptions {
  /** Maximised; NaN counts as −Infinity. */
  readonly fitness: (x: Float64Array) => number;
  readonly initial: ArrayLike<number>;
  readonly rng: Rng;
  /** Fitness evaluations in all, the mean's included. */
  readonly evaluations: number;
  /** Antithetic pairs per generation (default 16). */
  readonly pairs?: number;
  /** Perturbation scale σ (default 0.1). */
  readonly sigma?: number;
  /** Adam's step (default 0.03). */
  readonly learningRate?: number;
}

/** The best point evaluated and its fitness. */
export interface EvolutionStrategyResult {
  readonly best: Float64Array;
  readonly bestFitness: number;
  readonly evaluations: number;
  readonly generations: number;
}

/**
 * Maximises `fitness` by OpenAI-style ES within a budget of evaluations: each generation
 * evaluates the mean and `pairs` mirrored perturbations of it, then moves the mean along the
 * rank-weighted perturbations. Returns the best point ever evaluated, so a deterministic
 * fitness is never worse than at the start.
 *
 * @example
 * const { best } = evolutionStrategy({ fitness: (x) => -(x[0]! - 3) ** 2, initial: [0], rng: new Rng(1), evaluations: 2000 });
 */
export function evolutionStrategy(options: EvolutionStrategyOptions): EvolutionStrategyResult {
  const n = options.initial.length;
  const pairs = wholeNumber('evolutionStrategy', 'pairs', options.pairs ?? 16, 1);
  const sigma = numberIn('evolutionStrategy', 'sigma', options.sigma ?? 0.1, Number.MIN_VALUE, Infinity);
  const lr = numberIn('evolutionStrategy', 'learningRate', options.learningRate ?? 0.03, Number.MIN_VALUE, Infinity);
  const budget = wholeNumber('evolutionStrategy', 'evaluations', options.evaluations, 1);
  const { rng } = options;
  const score = (x: Float64Array): number => {
    const f = options.fitness(x);
    return Number.isNaN(f) ? -Infinity : f;
  };
  const mean = Float64Array.from(options.initial);
  const rule = adam();
  const slots = rule.slots.map(() => new Float64Array(n));
  const noise = Array.from({ length: pairs }, () => new Float64Array(n));
  const candidate = new Float64Array(n);
  const gradient = new Float64Array(n);
  const values = new Float64Array(2 * pairs);
  let best = mean.slice();
  let bestFitness = score(mean);
  let evaluations = 1;
  let generations = 0;
  const consider = (x: Float64Array, f: number): void => {
    if (f > bestFitness) {
      bestFitness = f;
      best = x.slice();
    }
  };
  while (evaluations + 2 * pairs + 1 <= budget) {
    for (let p = 0; p < pairs; p++) {
      const eps = noise[p]!;
      for (let i = 0; i < n; i++) eps[i] = rng.normal();
      for (const sign of [1, -1]) {
        for (let i = 0; i < n; i++) candidate[i] = mean[i]! + sign * sigma * eps[i]!;
        const f = score(candidate);
        values[2 * p + (sign === 1 ? 0 : 1)] = f;
        consider(candidate, f);
      }
    }
    evaluations += 2 * pairs;
    const ranks = centredRanks(values);
    gradient.fill(0);
    for (let p = 0; p < pairs; p++) {
      const weight = (ranks[2 * p]! - ranks[2 * p + 1]!) / (2 * pairs * sigma);
      const eps = noise[p]!;
      // Adam minimises: hand it the negated ascent direction.
      for (let i = 0; i < n; i++) gradient[i] = gradient[i]! - weight * eps[i]!;
    }
    generations++;
    rule.update(mean, gradient, slots, generations, lr);
    consider(mean, score(mean));
    evaluations++;
  }
  return { best, bestFitness, evaluations, generations };
}

/** Ranks mapped to [−0.5, 0.5] (ties broken by position), as Salimans et al. shape fitness. */
export function centredRanks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b);
  const ranks = new Float64Array(values.length);
  const last = Math.max(1, values.length - 1);
  order.forEach((index, rank) => (ranks[index] = rank / last - 0.5));
  return ranks;
}
