import { Rng } from '../../core/rng.ts';
import type { EvalContext, Json, Measurement, Task } from '../../core/types.ts';
import { cmaEs } from '../../learn/cma-es.ts';
import { lawsonMinimax } from '../../learn/lawson-minimax.ts';
import { compileGraph } from '../../spaces/graph/compile.ts';
import { constantsOf, withConstants } from '../../spaces/graph/constants.ts';
import { opCount } from '../../spaces/graph/cost.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { maxRelativeError } from './error-measures.ts';
import { programError, programRelativeError, scoringGrid, type ApproxMode, type ScoringGrid } from './measure.ts';
import type { Interval, Target } from './targets.ts';

/** The objectives: maximum error (relative, or float32 ULPs) and number of operations. */
export const APPROX_OBJECTIVES = [
  { name: 'maxError', goal: 'min' },
  { name: 'ops', goal: 'min' },
] as const;

/** What a function-approximation task scores, and how. */
export interface FunctionApproxTaskOptions {
  readonly target: Target;
  readonly interval: Interval;
  readonly mode: ApproxMode;
  readonly ops: OpSet;
  /** Chebyshev training points the constants are fitted on (default 96). */
  readonly trainPoints?: number;
  /** Evenly spaced validation points the error objective is measured on (default 2001). */
  readonly validationPoints?: number;
  /** Most CMA-ES evaluations per candidate (default 200 + 40·k² for k constants, at most 4000). */
  readonly fitEvaluations?: number;
  /** Settle the constants by Lawson's minimax refinement after CMA-ES (default true). */
  readonly refine?: boolean;
  /** The config to rebuild the task with (target name, interval, mode, ops). */
  readonly config?: Json;
}

/** A program's fitted constants and its errors. */
export interface ApproxFit {
  readonly program: Graph;
  readonly trainRelError: number;
  /** The objective: validation error in the task's mode. */
  readonly maxError: number;
  /** Validation max relative error in float64. */
  readonly maxRelError: number;
}

/** The function-approximation task, with its grids and the fit it runs per candidate. */
export interface FunctionApproxTask extends Task<Graph> {
  readonly train: ScoringGrid;
  readonly validation: ScoringGrid;
  /** Fits the constants of `g` by CMA-ES (seeded by `seed`) and scores the result. */
  fit(g: Graph, seed: number): ApproxFit;
  /** `g` with the constants its last evaluation fitted, when it was evaluated in this process. */
  fitted(g: Graph): Graph;
  /** Fits and scores synchronously: [max error, ops], with the fitted constants in `info`. */
  evaluate(g: Graph, ctx: EvalContext): Measurement;
}

/**
 * A task that scores programs approximating `target` on `interval`: constants are fitted by
 * CMA-ES to minimise the maximum relative error on training points in float64, then the
 * program is scored on a dense validation grid in the task's mode (float64 relative error,
 * or float32 ULPs with every operation rounded to float32).
 */
export function functionApproxTask(options: FunctionApproxTaskOptions): FunctionApproxTask {
  const { target, interval, mode, ops } = options;
  const train = scoringGrid(target, interval, options.trainPoints ?? 96, 'real', 'chebyshev');
  const validation = scoringGrid(target, interval, options.validationPoints ?? 2001, mode);
  const out = new Float64Array(train.points.length);
  const fittedByGenotype = new WeakMap<Graph, Graph>();

  const fit = (g: Graph, seed: number): ApproxFit => {
    const initial = constantsOf(g);
    let constants = initial;
    if (initial.length > 0) {
      const compiled = compileGraph(g, ops);
      const trial = new Float64Array(initial.length);
      const scale = initial.map((c) => Math.max(Math.abs(c), 1e-3));
      const trainError = (values: Float64Array) => {
        compiled.run([train.points], values, [out]);
        return maxRelativeError(out, train.reference);
      };
      const k = initial.length;
      const result = cmaEs({
        objective: (z) => {
          for (let i = 0; i < k; i++) trial[i] = initial[i]! + scale[i]! * z[i]!;
          return trainError(trial);
        },
        initial: new Float64Array(k),
        sigma: 0.3,
        rng: new Rng(seed),
        maxEvaluations: options.fitEvaluations ?? Math.min(4000, 200 + 40 * k * k),
      });
      const candidate = initial.map((c, i) => c + scale[i]! * result.best[i]!);
      // CMA-ES returns its best sample; the starting point (often inherited) may be better.
      if (result.bestValue < trainError(initial) && candidate.every(Number.isFinite)) constants = candidate;
      // CMA-ES finds the basin; Lawson's reweighted least squares then settles the minimax
      // constants to the last digits, which CMA-ES would need far more samples for.
      if (options.refine !== false) {
        const refined = lawsonMinimax({
          rows: train.points.length,
          residuals: (values, residual) => {
            compiled.run([train.points], values, [residual]);
            for (let i = 0; i < residual.length; i++) residual[i] = (residual[i]! - train.reference[i]!) / Math.abs(train.reference[i]!);
          },
          initial: constants,
        });
        if (refined.maxResidual < trainError(constants) && refined.params.every(Number.isFinite)) constants = refined.params;
      }
    }
    const program = constants === initial ? g : withConstants(g, constants);
    return {
      program,
      trainRelError: programRelativeError(program, ops, train),
      maxError: programError(program, ops, validation),
      maxRelError: programRelativeError(program, ops, validation),
    };
  };

  return {
    id: 'function-approx',
    ...(options.config === undefined ? {} : { config: options.config }),
    objectives: APPROX_OBJECTIVES,
    train,
    validation,
    fit,
    fitted: (g) => fittedByGenotype.get(g) ?? g,
    evaluate(g, ctx): Measurement {
      const result = fit(g, ctx.seed);
      fittedByGenotype.set(g, result.program);
      const info: { [key: string]: Json } = { constants: [...constantsOf(result.program)], trainRelError: result.trainRelError, maxRelError: result.maxRelError };
      return { values: [Number.isFinite(result.maxError) ? result.maxError : Infinity, opCount(g)], info };
    },
  };
}
