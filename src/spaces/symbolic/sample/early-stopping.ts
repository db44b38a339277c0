import { UsageError } from '../../../core/errors.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { Objective } from '../../../core/types.ts';

/** One intermediate result a trial reported through `feedback.report(step, ...)`. */
export interface StepReport {
  readonly trialId: number;
  readonly step: number;
  /** Raw objective values, in the order of `objectives`. */
  readonly values: readonly number[];
  /** The same values as losses (negated where the goal is 'max'). */
  readonly loss: readonly number[];
  readonly objectives: readonly Objective[];
}

/**
 * Decides from intermediate reports whether a trial should stop early. Every policy sees
 * every report through `observe` (so combined policies keep full histories), then
 * `shouldStop` gives its verdict on that report.
 */
export interface EarlyStoppingPolicy {
  observe(report: StepReport): void;
  shouldStop(report: StepReport): boolean;
}

/** Options of `earlyStopByValue`. */
export interface StopByValueOptions {
  /** The step at which the test applies (reports at other steps pass). */
  readonly step: number;
  /** Stop when the value is worse than this (below it for 'max' goals, above it for 'min'). */
  readonly threshold: number;
  /** Which objective to test. Default 0. */
  readonly objective?: number;
}

/** Stops a trial whose value at exactly `step` is worse than `threshold`, in the objective's own units. */
export function earlyStopByValue(options: StopByValueOptions): EarlyStoppingPolicy {
  const step = readStep('earlyStopByValue', options.step);
  const objective = readObjective('earlyStopByValue', options.objective);
  const threshold = options.threshold;
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) throw new UsageError(`earlyStopByValue: threshold must be a number, got ${String(threshold)}`);
  return {
    observe() {},
    shouldStop(report) {
      if (report.step !== step) return false;
      const value = valueAt(report, objective);
      return report.objectives[objective]!.goal === 'max' ? value < threshold : value > threshold;
    },
  };
}

/** Options of `earlyStopByRank`. */
export interface StopByRankOptions {
  /** The step at which the test applies (reports at other steps pass). */
  readonly step: number;
  /** Keep only the best `top` trials seen at this step: a count (>= 1) or a fraction in (0, 1). */
  readonly top: number;
  /** Reports needed at this step before any trial is stopped. Default 1. */
  readonly minHistory?: number;
  /** Which objective to rank by. Default 0. */
  readonly objective?: number;
}

/**
 * Stops a trial whose value at exactly `step` is not among the best `top` of all values
 * reported at that step so far (its own included). Keeps one sorted number per report.
 */
export function earlyStopByRank(options: StopByRankOptions): EarlyStoppingPolicy {
  const step = readStep('earlyStopByRank', options.step);
  const objective = readObjective('earlyStopByRank', options.objective);
  const top = options.top;
  if (typeof top !== 'number' || !(top > 0) || (top >= 1 && !Number.isInteger(top))) {
    throw new UsageError(`earlyStopByRank: top must be a whole number >= 1 or a fraction in (0, 1), got ${String(top)}`);
  }
  const minHistory = options.minHistory ?? 1;
  wholeNumber('earlyStopByRank', 'minHistory', minHistory, 1);
  const sortedLosses: number[] = [];
  return {
    observe(report) {
      if (report.step !== step) return;
      const loss = lossAt(report, objective);
      sortedLosses.splice(firstAtLeast(sortedLosses, loss), 0, loss);
    },
    shouldStop(report) {
      if (report.step !== step || sortedLosses.length < minHistory) return false;
      const better = firstAtLeast(sortedLosses, lossAt(report, objective));
      const keep = top >= 1 ? top : Math.max(1, Math.ceil(top * sortedLosses.length));
      return better >= keep;
    },
  };
}

/** Stops when every policy says to stop. */
export function stopIfAll(...policies: readonly EarlyStoppingPolicy[]): EarlyStoppingPolicy {
  readPolicies('stopIfAll', policies);
  return combine(policies, (report) => policies.every((p) => p.shouldStop(report)));
}

/** Stops when any policy says to stop. */
export function stopIfAny(...policies: readonly EarlyStoppingPolicy[]): EarlyStoppingPolicy {
  readPolicies('stopIfAny', policies);
  return combine(policies, (report) => policies.some((p) => p.shouldStop(report)));
}

/** Stops exactly when `policy` would not (at every report, so combine it with a step-bound policy). */
export function stopIfNot(policy: EarlyStoppingPolicy): EarlyStoppingPolicy {
  readPolicies('stopIfNot', [policy]);
  return combine([policy], (report) => !policy.shouldStop(report));
}

function combine(policies: readonly EarlyStoppingPolicy[], verdict: (report: StepReport) => boolean): EarlyStoppingPolicy {
  return {
    observe(report) {
      for (const p of policies) p.observe(report);
    },
    shouldStop: verdict,
  };
}

function readPolicies(owner: string, policies: readonly EarlyStoppingPolicy[]): void {
  if (policies.length === 0) throw new UsageError(`${owner}: give at least one policy`);
  for (const p of policies) {
    if (typeof p?.observe !== 'function' || typeof p.shouldStop !== 'function') throw new UsageError(`${owner}: every policy needs observe and shouldStop`);
  }
}

function readStep(owner: string, step: unknown): number {
  return wholeNumber(owner, 'step', step, 0);
}

function readObjective(owner: string, objective: unknown): number {
  const o = objective ?? 0;
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw new UsageError(`${owner}: objective must be an index >= 0, got ${String(o)}`);
  return o;
}

function valueAt(report: StepReport, objective: number): number {
  const value = report.values[objective];
  if (value === undefined) throw new UsageError(`early stopping: objective ${objective} is out of range: reports have ${report.values.length} value(s)`);
  return value;
}

function lossAt(report: StepReport, objective: number): number {
  valueAt(report, objective);
  const loss = report.loss[objective] as number;
  return loss === loss ? loss : Infinity;
}

/** Index of the first element >= x in a sorted array (binary search). */
function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
