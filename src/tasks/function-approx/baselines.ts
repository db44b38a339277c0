import { opCount } from '../../spaces/graph/cost.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { opSet, type OpSet } from '../../spaces/graph/op-set.ts';
import { halvingProgram, minimaxProgram, padeProgram, partialFractionProgram, taylorProgram } from './classic-forms.ts';
import { programError, programRelativeError, scoringGrid, type ScoringGrid } from './measure.ts';
import { symmetricProgram } from './symmetric-form.ts';
import type { Interval, Target } from './targets.ts';

/** The ops every baseline is written in. */
export const BASELINE_OPS: OpSet = opSet(['add', 'sub', 'mul', 'div', 'fma']);

/** One classic approximation, scored like a searched program. */
export interface Baseline {
  /** What it is, e.g. `minimax [4/4]` or `Taylor 5 @0.5`. */
  readonly name: string;
  readonly ops: number;
  /** Max relative error on the grid, in float64. */
  readonly maxRelError: number;
  /** Max error in float32 ULPs, when scored in float32 mode. */
  readonly maxUlp?: number;
  readonly program: Graph;
}

/** Which baselines to build. */
export interface BaselineOptions {
  readonly target: Target;
  readonly interval: Interval;
  /** Scores every baseline; its mode decides whether maxUlp is filled in. */
  readonly grid: ScoringGrid;
  /** Largest op count to build (default 20). */
  readonly maxOps?: number;
  /** Also build forms that use fma (one op per Horner step, and β·s + α in the symmetric form). Default true. */
  readonly fma?: boolean;
}

function score(name: string, program: Graph | undefined, grid: ScoringGrid): Baseline | undefined {
  if (program === undefined) return undefined;
  const maxRelError = programRelativeError(program, BASELINE_OPS, grid);
  if (!Number.isFinite(maxRelError)) return undefined;
  const base = { name, ops: opCount(program), maxRelError, program };
  return grid.mode === 'float32' ? { ...base, maxUlp: programError(program, BASELINE_OPS, grid) } : base;
}

/**
 * The centre in the interval where `build(x0)` has the smallest error: a scan of 17 centres,
 * then golden-section refinement around the best (Taylor and Padé are only as good as their
 * centre, and the best one is not the midpoint in general).
 */
function bestCentred(build: (x0: number) => Graph | undefined, grid: ScoringGrid, interval: Interval): Graph | undefined {
  const errorAt = (x0: number) => {
    const g = build(x0);
    const e = g === undefined ? Infinity : programRelativeError(g, BASELINE_OPS, grid);
    return Number.isFinite(e) ? e : Infinity;
  };
  const [low, high] = interval;
  const step = (high - low) / 16;
  let bestX = low;
  let bestE = Infinity;
  for (let i = 0; i <= 16; i++) {
    const e = errorAt(low + i * step);
    if (e < bestE) [bestX, bestE] = [low + i * step, e];
  }
  if (bestE === Infinity) return undefined;
  let a = Math.max(low, bestX - step);
  let b = Math.min(high, bestX + step);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 14; k++) {
    const x1 = b - ratio * (b - a);
    const x2 = a + ratio * (b - a);
    if (errorAt(x1) < errorAt(x2)) b = x2;
    else a = x1;
  }
  const refined = (a + b) / 2;
  return build(errorAt(refined) < bestE ? refined : bestX);
}

/**
 * Every classic baseline up to `maxOps` operations, scored on the grid: best-centred Taylor
 * and Padé, minimax polynomials and rationals (Remez, relative error), the symmetric form for
 * exp-like targets, the [n/n] minimax as c + r/q, and argument halving (folded into the
 * coefficients) with squaring where the target allows it.
 */
export function classicBaselines(options: BaselineOptions): Baseline[] {
  const { target, interval, grid } = options;
  const maxOps = options.maxOps ?? 20;
  const fma = options.fma ?? true;
  // Centres are chosen on a coarse grid (the error curve is smooth); the final score uses `grid`.
  const coarse = scoringGrid(target, interval, 257, 'real');
  const found: (Baseline | undefined)[] = [];
  for (let m = 1; 2 * m <= maxOps; m++) {
    found.push(score(`Taylor ${m}`, bestCentred((x0) => taylorProgram(target, x0, m), coarse, interval), grid));
    found.push(score(`minimax poly ${m}`, minimaxProgram(target, interval, m, 0), grid));
    if (fma) found.push(score(`minimax poly ${m} (fma)`, minimaxProgram(target, interval, m, 0, { fma: true }), grid));
  }
  for (let n = 1; 2 * n + 2 <= maxOps; n++) {
    for (let m = 1; 2 * m + 2 * n <= maxOps; m++) {
      found.push(score(`Padé [${m}/${n}]`, bestCentred((x0) => padeProgram(target, x0, m, n), coarse, interval), grid));
      found.push(score(`minimax [${m}/${n}]`, minimaxProgram(target, interval, m, n), grid));
    }
  }
  for (let n = 2; (3 * n) / 2 + 4 <= maxOps; n += 2) {
    found.push(score(`symmetric minimax [${n}/${n}]`, symmetricProgram(target, interval, n), grid));
    if (fma) found.push(score(`symmetric minimax [${n}/${n}] (fma)`, symmetricProgram(target, interval, n, { fma: true }), grid));
  }
  for (let n = 2; (3 * n) / 2 + 4 <= maxOps; n++) {
    found.push(score(`symmetric minimax [${n}/${n}] as c + t/g`, symmetricProgram(target, interval, n, { partialFraction: true }), grid));
    if (fma) found.push(score(`symmetric minimax [${n}/${n}] as c + t/g (fma)`, symmetricProgram(target, interval, n, { partialFraction: true, fma: true }), grid));
    for (let k = 1; k <= 2; k++) found.push(score(`halve ${k}×, symmetric minimax [${n}/${n}] as c + t/g, square ${k}×`, symmetricProgram(target, interval, n, { partialFraction: true, halvings: k }), grid));
  }
  for (let n = 1; 4 * n - 1 <= maxOps; n++) {
    found.push(score(`minimax [${n}/${n}] as c + r/q`, partialFractionProgram(target, interval, n), grid));
    if (fma) found.push(score(`minimax [${n}/${n}] as c + r/q (fma)`, partialFractionProgram(target, interval, n, { fma: true }), grid));
  }
  for (let k = 1; k <= 2; k++) {
    for (let m = 1; 2 * m + k <= maxOps; m++) found.push(score(`halve ${k}×, minimax poly ${m}, square ${k}×`, halvingProgram(target, interval, m, k), grid));
    for (let n = 1; 4 * n - 1 + k <= maxOps; n++) found.push(score(`halve ${k}×, minimax [${n}/${n}] as c + r/q, square ${k}×`, halvingProgram(target, interval, n, k, { denominatorDegree: n }), grid));
  }
  return found.filter((b): b is Baseline => b !== undefined && b.ops <= maxOps);
}

/** For each op count, the baseline with the lowest error at that count or fewer ops. */
export function bestBaselineByOps(baselines: readonly Baseline[], maxOps: number, useUlp = false): (Baseline | undefined)[] {
  const errorOf = (b: Baseline) => (useUlp ? b.maxUlp ?? Infinity : b.maxRelError);
  const best: (Baseline | undefined)[] = [];
  for (let ops = 0; ops <= maxOps; ops++) {
    let chosen = ops > 0 ? best[ops - 1] : undefined;
    for (const b of baselines) if (b.ops === ops && (chosen === undefined || errorOf(b) < errorOf(chosen))) chosen = b;
    best.push(chosen);
  }
  return best;
}
