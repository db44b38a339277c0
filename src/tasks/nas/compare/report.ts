import type { Json } from '../../../core/types.ts';
import { regretOverTime } from './harness.ts';
import type { Comparison, CurvePoint } from './harness.ts';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const interval = (ci: readonly [number, number]): [number, number] => [round(ci[0]), round(ci[1])];

/**
 * The comparison as plain JSON: per algorithm the final mean regret with its 95% interval,
 * the mean regret after each query (`curve`, with `curveCi95`), the mean number of invalid
 * proposals, and with `withTime` the regret against simulated seconds (`timeCurve`); then
 * the paired differences of final regrets between algorithms.
 */
export function comparisonJson(comparison: Comparison, withTime = false): Json {
  const results: { [name: string]: Json } = {};
  for (const [name, summary] of Object.entries(comparison.results)) {
    const invalid = summary.trajectories.reduce((sum, t) => sum + t.invalidProposals, 0) / summary.trajectories.length;
    results[name] = {
      finalMeanRegret: round(summary.final.mean),
      ci95: interval(summary.final.ci95),
      curve: summary.curve.map((p) => round(p.mean)),
      curveCi95: summary.curve.map((p) => interval(p.ci95)),
      meanInvalidProposals: round(invalid),
      ...(withTime ? { timeCurve: timeCurveJson(regretOverTime(summary.trajectories)) } : {}),
    };
  }
  return {
    benchmark: comparison.benchmark,
    seeds: comparison.seeds,
    budget: comparison.budget,
    results,
    differences: comparison.differences.map((d) => ({ first: d.first, second: d.second, meanDifference: round(d.mean), ci95: interval(d.ci95) })),
  };
}

function timeCurveJson(curve: readonly CurvePoint[]): Json {
  return curve.map((p) => ({ seconds: round(p.at), meanRegret: round(p.mean), ci95: interval(p.ci95) }));
}

/** A text table of final regrets and of the differences against each other algorithm. */
export function comparisonTable(comparison: Comparison, unit: string): string {
  const fmt = (x: number): string => x.toFixed(3);
  const lines = [`${comparison.benchmark}: test regret (${unit}) after ${comparison.budget} queries, mean [95% CI] over ${comparison.seeds} seeds`];
  for (const [name, summary] of Object.entries(comparison.results)) {
    lines.push(`  ${name.padEnd(10)} ${fmt(summary.final.mean).padStart(8)}  [${fmt(summary.final.ci95[0])}, ${fmt(summary.final.ci95[1])}]`);
  }
  const names = Object.keys(comparison.results);
  for (const d of comparison.differences) {
    if (names.indexOf(d.first) > names.indexOf(d.second)) continue;
    lines.push(`  ${`${d.first} − ${d.second}`.padEnd(18)} ${fmt(d.mean).padStart(8)}  [${fmt(d.ci95[0])}, ${fmt(d.ci95[1])}]  (paired by seed)`);
  }
  return `${lines.join('\n')}\n`;
}
