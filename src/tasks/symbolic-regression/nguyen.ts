import type { Rng } from '../../core/rng.ts';
import type { RegressionData } from './dataset.ts';

/** A benchmark problem: a known formula and the range its points are drawn from. */
export interface BenchmarkProblem {
  readonly name: string;
  /** The formula, as infix math, for reports. */
  readonly formula: string;
  readonly variables: readonly string[];
  /** Each variable is drawn uniformly from [low, high], unless `ranges` gives its own. */
  readonly low: number;
  readonly high: number;
  /** Per-variable [low, high], in the order of `variables`. */
  readonly ranges?: readonly (readonly [number, number])[];
  /** Points per training sample. */
  readonly points: number;
  readonly f: (v: readonly number[]) => number;
}

const oneVar = (name: string, formula: string, low: number, high: number, f: (x: number) => number): BenchmarkProblem => ({
  name, formula, variables: ['x'], low, high, points: 20, f: (v) => f(v[0]!),
});
const twoVars = (name: string, formula: string, f: (x: number, y: number) => number): BenchmarkProblem => ({
  name, formula, variables: ['x', 'y'], low: 0, high: 1, points: 20, f: (v) => f(v[0]!, v[1]!),
});

/**
 * The Nguyen symbolic-regression benchmark (Uy et al. 2011), with the sampling ranges used by
 * Petersen et al. 2021 (DSR): U[a, b, 20] is 20 points drawn uniformly from [a, b].
 */
export const nguyen: readonly BenchmarkProblem[] = [
  oneVar('Nguyen-1', 'x^3 + x^2 + x', -1, 1, (x) => x ** 3 + x ** 2 + x),
  oneVar('Nguyen-2', 'x^4 + x^3 + x^2 + x', -1, 1, (x) => x ** 4 + x ** 3 + x ** 2 + x),
  oneVar('Nguyen-3', 'x^5 + x^4 + x^3 + x^2 + x', -1, 1, (x) => x ** 5 + x ** 4 + x ** 3 + x ** 2 + x),
  oneVar('Nguyen-4', 'x^6 + x^5 + x^4 + x^3 + x^2 + x', -1, 1, (x) => x ** 6 + x ** 5 + x ** 4 + x ** 3 + x ** 2 + x),
  oneVar('Nguyen-5', 'sin(x^2)·cos(x) − 1', -1, 1, (x) => Math.sin(x * x) * Math.cos(x) - 1),
  oneVar('Nguyen-6', 'sin(x) + sin(x + x^2)', -1, 1, (x) => Math.sin(x) + Math.sin(x + x * x)),
  oneVar('Nguyen-7', 'log(x + 1) + log(x^2 + 1)', 0, 2, (x) => Math.log(x + 1) + Math.log(x * x + 1)),
  oneVar('Nguyen-8', 'sqrt(x)', 0, 4, (x) => Math.sqrt(x)),
  twoVars('Nguyen-9', 'sin(x) + sin(y^2)', (x, y) => Math.sin(x) + Math.sin(y * y)),
  twoVars('Nguyen-10', '2·sin(x)·cos(y)', (x, y) => 2 * Math.sin(x) * Math.cos(y)),
  twoVars('Nguyen-11', 'x^y', (x, y) => x ** y),
  twoVars('Nguyen-12', 'x^4 − x^3 + y^2/2 − y', (x, y) => x ** 4 - x ** 3 + (y * y) / 2 - y),
];

/** Draws `points` rows of a problem (default: the problem's own count). */
export function sampleProblem(problem: BenchmarkProblem, rng: Rng, points = problem.points): RegressionData {
  const features = problem.variables.map(() => new Float64Array(points));
  const target = new Float64Array(points);
  const row: number[] = problem.variables.map(() => 0);
  for (let i = 0; i < points; i++) {
    for (let v = 0; v < row.length; v++) {
      const [low, high] = problem.ranges?.[v] ?? [problem.low, problem.high];
      row[v] = rng.uniform(low, high);
      features[v]![i] = row[v]!;
    }
    target[i] = problem.f(row);
  }
  return { featureNames: problem.variables, features, target, rows: points };
}
