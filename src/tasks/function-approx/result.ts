import type { StudySummary } from '../../core/study.ts';
import type { Json } from '../../core/types.ts';
import { withConstants } from '../../spaces/graph/constants.ts';
import { opCount } from '../../spaces/graph/cost.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { toFunctionExpression } from './export.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import type { Baseline } from './baselines.ts';
import type { ApproxMode } from './measure.ts';
import type { Interval } from './targets.ts';
import type { ApproxSetup } from './setup.ts';

/** One program of the result: the best found at its op count. */
export interface ApproxProgram {
  readonly ops: number;
  /** The objective: max relative error (real) or max float32 ULPs (float32). */
  readonly maxError: number;
  readonly maxRelError: number;
  readonly maxUlp?: number;
  /** A JavaScript function expression `(x) => { … }` that evaluates the program. */
  readonly js: string;
  /** The program with its fitted constants. */
  readonly program: Graph;
}

/** The searched front, the baselines on the same grid, and the run's summary. */
export interface ApproxSearchResult {
  /** Non-dominated programs (ops against error), fewest ops first. */
  readonly front: readonly ApproxProgram[];
  /** The best program found at each op count (index = ops), possibly dominated. */
  readonly bestByOps: readonly (ApproxProgram | undefined)[];
  readonly baselines: readonly Baseline[];
  readonly summary: StudySummary;
  readonly seed: number;
  readonly mode: ApproxMode;
  readonly interval: Interval;
  /** The ops the programs use. */
  readonly ops: OpSet;
}

/** A finished trial as the result needs it: the proposed program, [error, ops], and the fitted constants in `info`. */
export interface FinishedProgram {
  readonly genotype: Graph;
  readonly values: readonly number[];
  readonly info: { readonly [key: string]: Json } | undefined;
}

/**
 * The best finished trial at each op count up to `maxOps`, as trials come in: a later trial
 * replaces the best only with a strictly smaller error, so ties go to the first one seen.
 */
export class BestByOps<T extends { readonly status: string; readonly values: readonly number[] }> {
  private readonly best: (T | undefined)[];

  constructor(maxOps: number) {
    this.best = new Array<T | undefined>(maxOps + 1).fill(undefined);
  }

  consider(trial: T): void {
    if (trial.status !== 'done') return;
    const count = trial.values[1]!;
    const held = this.best[count];
    if (count < this.best.length && (held === undefined || trial.values[0]! < held.values[0]!)) this.best[count] = trial;
  }

  /** The best trials, index = op count. */
  programs(): readonly (T | undefined)[] {
    return this.best;
  }
}

/**
 * The result of a search from the best trial at each op count: each program with its fitted
 * constants and as JavaScript, and the front (each entry better than every one with fewer ops).
 */
export function approxResult(setup: ApproxSetup, best: readonly (FinishedProgram | undefined)[], summary: StudySummary, seed: number): ApproxSearchResult {
  const { mode, ops } = setup;
  const toProgram = (trial: FinishedProgram): ApproxProgram => {
    const program = withConstants(trial.genotype, trial.info?.['constants'] as number[]);
    const maxError = trial.values[0]!;
    return {
      ops: opCount(program),
      maxError,
      maxRelError: trial.info?.['maxRelError'] as number,
      ...(mode === 'float32' ? { maxUlp: maxError } : {}),
      js: toFunctionExpression(program, { ops, float32: mode === 'float32' }),
      program,
    };
  };
  const bestByOps = best.map((t) => (t === undefined ? undefined : toProgram(t)));
  const front: ApproxProgram[] = [];
  for (const p of bestByOps) if (p !== undefined && (front.length === 0 || p.maxError < front[front.length - 1]!.maxError)) front.push(p);
  return { front, bestByOps, baselines: setup.baselines, summary, seed, mode, interval: setup.interval, ops };
}
