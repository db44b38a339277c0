import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import { meanInterval } from '../../core/statistics.ts';
import type { CurvePoint } from '../../report/curve-plot.ts';
import { keptSlots } from './program-rule.ts';
import { G, M } from './program.ts';
import type { ProxyConfig } from './proxies.ts';
import { simplifyProgram } from './simplify-program.ts';
import { optimizerTask } from './task.ts';

/** One optimizer's result on one proxy: the best learning rate of the grid, per seed and on average. */
export interface ComparisonRow {
  readonly name: string;
  /** Validation loss at the best learning rate, one per seed. */
  readonly losses: readonly number[];
  readonly meanLoss: number;
  /** Half-width of the mean's 95% Student-t interval over seeds (0 for one seed). */
  readonly interval: number;
  /** The best learning rate, per seed. */
  readonly lrs: readonly number[];
  /** Mean validation accuracy at the best rate (classification proxies). */
  readonly meanAccuracy: number | undefined;
  /** Slots the program keeps (its memory, in parameter-sized arrays). */
  readonly slots: number;
  /**
   * Training loss per step at each seed's best rate: the mean over seeds with its 95% interval
   * (when `curves` is asked for; a seed's run that diverged stops where it did).
   */
  readonly curve?: readonly CurvePoint[];
}

/** Options of `compareOptimizers`. */
export interface CompareOptions {
  readonly lrGrid?: readonly number[];
  /** Proxy seeds (data, initial weights, batch order): 1 by default. */
  readonly seeds?: number;
  /** Also record each program's training curve at its best rates. */
  readonly curves?: boolean;
}

/**
 * Trains each program on the proxy at every rate of the grid, for each seed (the proxy's
 * data, initial weights and batch order), and reports the best rate's validation loss. A
 * program that diverges at every rate scores Infinity for that seed. Unlike a search's
 * evaluation, no training here is cut short by a time limit.
 */
export function compareOptimizers(programs: readonly { readonly name: string; readonly program: Graph }[], proxy: ProxyConfig, options: CompareOptions = {}): ComparisonRow[] {
  const seeds = options.seeds ?? 1;
  // No time limit: a comparison runs every training to its end, however loaded the machine.
  const tasks = Array.from({ length: seeds }, (_, s) => optimizerTask({ proxy: { ...proxy, seed: (proxy.seed ?? 1) + s }, timeLimitMs: Infinity, ...(options.lrGrid === undefined ? {} : { lrGrid: options.lrGrid }) }));
  return programs.map(({ name, program }) => {
    const best = tasks.map((task) => task.runs(program, options.curves === true)[0]!);
    const losses = best.map((b) => b.run.validLoss);
    const { mean, ci95 } = meanInterval(losses);
    const accuracies = best.map((b) => b.run.accuracy).filter((a): a is number => a !== undefined);
    const row: ComparisonRow = {
      name,
      losses,
      meanLoss: mean,
      interval: seeds > 1 && Number.isFinite(mean) ? (ci95[1] - ci95[0]) / 2 : 0,
      lrs: best.map((b) => b.lr),
      meanAccuracy: accuracies.length === 0 ? undefined : accuracies.reduce((s, x) => s + x, 0) / accuracies.length,
      slots: keptSlots(program).length,
    };
    return options.curves === true ? { ...row, curve: meanCurve(best.map((b) => b.curve ?? [])) } : row;
  });
}

/** The mean and 95% interval over runs at each step that every run reached. */
function meanCurve(runs: readonly (readonly number[])[]): CurvePoint[] {
  const steps = Math.min(...runs.map((r) => r.length));
  return Array.from({ length: steps }, (_, i) => ({ at: i + 1, ...meanInterval(runs.map((r) => r[i]!)) }));
}

/**
 * True when the live program takes the sign of an interpolation between the gradient and the
 * momentum (the m it reads or the m it returns), `sign(interpolate(g, m, β))` or
 * `sign(interpolate(m, g, β))`: Lion's update direction. It reads the simplified program,
 * so a spelling such as sign(1·interpolate(g, m, β)) counts too.
 */
export function hasSignMomentum(program: Graph): boolean {
  const g = simplifyProgram(program);
  return g.vertices.some((v) => {
    if (isConst(v) || v.op !== 'sign') return false;
    const inner = g.vertices[v.args[0]! - g.inputs];
    if (inner === undefined || isConst(inner) || inner.op !== 'interpolate') return false;
    const momentum = (id: number | undefined) => id === M || id === g.outputs[1];
    const [x, y] = inner.args;
    return (x === G && momentum(y)) || (momentum(x) && y === G);
  });
}

/** Sign updates among the distinct programs (structural keys) that finished. */
export interface SignCensus<T> {
  readonly programs: number;
  /** Programs whose live code takes the sign of a tensor. */
  readonly withSign: number;
  /** Programs that contain sign(interpolate(g, m, β)), Lion's direction. */
  readonly withSignMomentum: number;
  /** The lowest-loss program with sign momentum. */
  readonly bestSignMomentum: T | undefined;
}

/** Counts sign and sign momentum in the live programs of `trials`, once per structural key. */
export function signCensus<T extends { readonly key: string; readonly program: Graph; readonly loss: number }>(trials: readonly T[]): SignCensus<T> {
  const seen = new Set<string>();
  let withSign = 0;
  let withSignMomentum = 0;
  let bestSignMomentum: T | undefined;
  for (const t of trials) {
    if (seen.has(t.key)) continue;
    seen.add(t.key);
    const live = simplifyProgram(t.program);
    if (!live.vertices.some((v) => !isConst(v) && v.op === 'sign')) continue;
    withSign++;
    if (!hasSignMomentum(live)) continue;
    withSignMomentum++;
    if (bestSignMomentum === undefined || t.loss < bestSignMomentum.loss) bestSignMomentum = t;
  }
  return { programs: seen.size, withSign, withSignMomentum, bestSignMomentum };
}
