/**
 * The speed-up of issue 15: the evaluations (or wall time) plain regularized evolution needs
 * to reach its median final fitness at budget B, over those the guided run needs to reach
 * that fitness, each the median over seeds; with a percentile bootstrap 95% interval that
 * resamples the seeds of both arms (the target fitness is recomputed in every resample).
 */
import { Rng } from '../../src/core/rng.ts';
import type { Run } from './runs.ts';

/** Median of a sample; +Infinity entries (target never reached) sort last. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Evaluations (1-based) or ms until `run` first reached `target`; +Infinity when it never did. */
export function costToReach(run: Run, target: number, measure: 'evaluations' | 'ms'): number {
  const i = run.best.findIndex((f) => f <= target);
  if (i < 0) return Infinity;
  return measure === 'evaluations' ? i + 1 : run.ms[i]!;
}

/** The ratio and the medians it is made of. */
export interface SpeedUp {
  readonly target: number;
  readonly plainCost: number;
  readonly guidedCost: number;
  /** plainCost / guidedCost: 0 when the guided median never reached the target. */
  readonly ratio: number;
}

/**
 * The target is plain's median final fitness; for an even number of seeds the worse of the
 * two middle values, so that more than half of the plain runs reach it and plain's median
 * cost is finite.
 */
export function speedUp(plain: readonly Run[], guided: readonly Run[], measure: 'evaluations' | 'ms'): SpeedUp {
  const finals = plain.map((r) => r.best[r.best.length - 1]!).sort((a, b) => a - b);
  const target = finals[Math.floor(finals.length / 2)]!;
  const plainCost = median(plain.map((r) => costToReach(r, target, measure)));
  const guidedCost = median(guided.map((r) => costToReach(r, target, measure)));
  return { target, plainCost, guidedCost, ratio: plainCost / guidedCost };
}

/** The speed-up with its 2.5% and 97.5% bootstrap percentiles over `resamples` resamples of the seeds. */
export function bootstrapSpeedUp(plain: readonly Run[], guided: readonly Run[], measure: 'evaluations' | 'ms', resamples = 2000, seed = 15): SpeedUp & { readonly ci95: readonly [number, number] } {
  const rng = new Rng(seed);
  const draw = (runs: readonly Run[]) => Array.from(runs, () => runs[rng.int(runs.length)]!);
  const ratios = Array.from({ length: resamples }, () => speedUp(draw(plain), draw(guided), measure).ratio).sort((a, b) => a - b);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.floor(q * ratios.length)))]!;
  return { ...speedUp(plain, guided, measure), ci95: [at(0.025), at(0.975)] };
}
