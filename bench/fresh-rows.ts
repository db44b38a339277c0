/**
 * How a benchmark judges the formula a search chose: on rows it never saw, drawn afresh from
 * the problem's own sampling ranges, so a fit to the search's rows alone does not count.
 */
import { Rng } from '../src/core/rng.ts';
import { sampleProblem, type BenchmarkProblem } from '../src/tasks/symbolic-regression/nguyen.ts';

/**
 * The normalised MSE (1 − R²) of the JavaScript expression `js` over the problem's variables
 * on `rows` fresh rows drawn from `seed` + 1,000,003 (Infinity when it is not finite), and
 * the fresh target itself.
 */
export function freshRowsError(problem: BenchmarkProblem, js: string, seed: number, rows: number): { nmse: number; target: Float64Array } {
  const f = new Function(...problem.variables, `return ${js};`) as (...v: number[]) => number;
  const fresh = sampleProblem(problem, new Rng(seed + 1_000_003), rows);
  let mean = 0;
  for (const y of fresh.target) mean += y / fresh.rows;
  let sse = 0;
  let variance = 0;
  for (let i = 0; i < fresh.rows; i++) {
    const y = fresh.target[i]!;
    const r = f(...fresh.features.map((c) => c[i]!)) - y;
    sse += r * r;
    variance += (y - mean) * (y - mean);
  }
  return { nmse: Number.isFinite(sse) ? sse / Math.max(variance, 1e-300) : Infinity, target: fresh.target };
}
