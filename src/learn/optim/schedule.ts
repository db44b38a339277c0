import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { nonNegative, positive } from './rule.ts';

/**
 * A learning-rate schedule: the rate of the update made after `step` earlier updates
 * (0 for the first). A plain function, so any schedule a caller writes works too.
 */
export type Schedule = (step: number) => number;

/** The same rate at every step. */
export function constantSchedule(lr: number): Schedule {
  positive('constantSchedule', 'lr', lr);
  return () => lr;
}

/** Options of `warmupCosineSchedule`. */
export interface WarmupCosineOptions {
  /** The rate at the end of the warm-up. */
  readonly peak: number;
  /** Updates over which the rate climbs linearly to the peak (default 0). */
  readonly warmupSteps?: number;
  /** Updates after which the rate stays at `final`; the cosine spans totalSteps − warmupSteps. */
  readonly totalSteps: number;
  /** The rate at and after totalSteps (default 0). */
  readonly final?: number;
}

/**
 * Linear warm-up then cosine decay (Loshchilov and Hutter's SGDR without restarts): update
 * t < W gets peak·(t+1)/W, so the first update already moves and update W−1 is at the peak;
 * after that final + (peak − final)·(1 + cos(π·p))/2 with p = (t − W)/(T − W) capped at 1.
 */
export function warmupCosineSchedule(options: WarmupCosineOptions): Schedule {
  const owner = 'warmupCosineSchedule';
  const peak = positive(owner, 'peak', options.peak);
  const warmupSteps = wholeNumber(owner, 'warmupSteps', options.warmupSteps ?? 0, 0);
  const totalSteps = wholeNumber(owner, 'totalSteps', options.totalSteps, 1);
  const final = nonNegative(owner, 'final', options.final ?? 0);
  if (warmupSteps > totalSteps) throw new UsageError(`${owner}: warmupSteps (${warmupSteps}) must not exceed totalSteps (${totalSteps})`);
  if (final > peak) throw new UsageError(`${owner}: final (${final}) must not exceed peak (${peak})`);
  const decaySteps = totalSteps - warmupSteps;
  return (step) => {
    if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
    const progress = decaySteps === 0 ? 1 : Math.min(1, (step - warmupSteps) / decaySteps);
    return final + ((peak - final) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}
