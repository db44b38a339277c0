import type { TrialRecord } from '../../../core/plugs.ts';
import type { Json } from '../../../core/types.ts';
import type { StudyStore } from '../../../store/types.ts';
import { nasBench101 } from '../nb101/query-api.ts';
import { nb101IndexOnce } from '../nb101/register.ts';
import { nb201TableOnce } from '../nb201/register.ts';
import type { Nb201Dataset } from '../nb201/table.ts';
import { nasCompareMembers } from './compare-config.ts';
import type { NasCompareConfig } from './compare-config.ts';
import { comparisonOfTrajectories, regretOverTime } from './harness.ts';
import type { Comparison } from './harness.ts';
import { nb101TestScores } from './nb101-benchmark.ts';
import { comparisonJson, comparisonTable } from './report.ts';
import type { SearchTrajectory } from './run-search.ts';
import { storedTrajectory } from './stored-trajectory.ts';
import type { StoredScores } from './stored-trajectory.ts';
import type { CurvePanel } from '../../../report/curve-plot.ts';

/** The comparisons made, as text, JSON and plot panels. */
export interface NasComparisonOutput {
  readonly comparisons: readonly Comparison[];
  readonly text: string;
  /** One metric: `{ benchmark, seeds, budget, results, differences }`; several: keyed by metric. */
  readonly json: Json;
  readonly panels: readonly CurvePanel[];
  /** Seeds whose searches all finished, over every metric; `seedsAsked` were asked for. */
  readonly seedsFinished: number;
  readonly seedsAsked: number;
}

/**
 * A comparison's result from its member searches in a store (`nameOf` gives a member's study
 * name): per metric, the seeds whose every algorithm ran to the budget, paired by seed. A
 * seed with an unfinished search is left out until `amoeba resume` finishes it.
 */
export function storedNasComparison(store: StudyStore, config: NasCompareConfig, nameOf: (member: string) => string): NasComparisonOutput {
  const members = nasCompareMembers(config);
  const byMember = new Map(members.map((m) => [`${m.metric ?? ''}/${m.algorithm}/${m.index}`, m.member]));
  const metrics: readonly (Nb201Dataset | undefined)[] = config.bench === 'nb201' ? config.metrics : [undefined];
  const comparisons: Comparison[] = [];
  const compared: (Nb201Dataset | undefined)[] = [];
  for (const metric of metrics) {
    const scores = scoresOf(config, metric);
    const trajectories = new Map<string, SearchTrajectory[]>(config.algorithms.map((a) => [a, []]));
    for (let index = 0; index < config.seeds; index++) {
      const found = config.algorithms.map((a) => storedTrajectory(store, nameOf(byMember.get(`${metric ?? ''}/${a}/${index}`)!), config.budget, scores));
      if (found.some((t) => t === undefined)) continue;
      config.algorithms.forEach((a, i) => trajectories.get(a)!.push(found[i]!));
    }
    if (trajectories.get(config.algorithms[0]!)!.length === 0) continue;
    comparisons.push(comparisonOfTrajectories(benchmarkName(config, metric), config.budget, trajectories));
    compared.push(metric);
  }
  return { ...outputOf(config, comparisons, compared), seedsFinished: comparisons.reduce((sum, c) => sum + c.seeds, 0), seedsAsked: config.seeds * metrics.length };
}

function benchmarkName(config: NasCompareConfig, metric: Nb201Dataset | undefined): string {
  return metric === undefined ? `nas-bench-101/${config.epochs}` : `nas-bench-201/${metric}`;
}

/** NB201: accuracy in percent from the trial's info; NB101: the cell's mean test accuracy over its repeats. */
function scoresOf(config: NasCompareConfig, metric: Nb201Dataset | undefined): StoredScores {
  if (metric !== undefined) {
    const bestTest = nb201TableOnce(config.dataset).best(metric, 'test').accuracyPercent;
    return { bestTest, answer: (t) => ({ validation: t.values![0]!, test: infoNumber(t, 'testAccuracyPercent'), seconds: 0 }) };
  }
  const bench = nasBench101(nb101IndexOnce(config.dataset));
  const { meanTest, bestTest } = nb101TestScores(bench, config.epochs);
  const { cellByHash } = bench.index;
  return {
    bestTest,
    answer: (t) => ({ validation: t.values![0]!, test: meanTest[cellByHash.get(String(t.info?.['hash']))!] ?? NaN, seconds: infoNumber(t, 'trainingSeconds') }),
  };
}

function infoNumber(trial: TrialRecord, key: string): number {
  const value = trial.info?.[key];
  return typeof value === 'number' ? value : NaN;
}

function outputOf(config: NasCompareConfig, comparisons: readonly Comparison[], metrics: readonly (Nb201Dataset | undefined)[]): Omit<NasComparisonOutput, 'seedsFinished' | 'seedsAsked'> {
  if (comparisons.length === 0) {
    const names = config.bench === 'nb201' ? config.metrics.map((m) => benchmarkName(config, m)) : [benchmarkName(config, undefined)];
    return { comparisons, text: `${names.join(', ')}: no seed has finished every algorithm's search yet\n`, json: { seeds: 0, budget: config.budget, results: {} }, panels: [] };
  }
  if (config.bench === 'nb201') {
    const jsons = comparisons.map((c) => comparisonJson(c));
    return {
      comparisons,
      text: comparisons.map((c) => comparisonTable(c, 'accuracy points')).join('\n'),
      json: config.metrics.length === 1 ? jsons[0]! : Object.fromEntries(metrics.map((m, i) => [m!, jsons[i]!])),
      panels: comparisons.map((c) => ({ title: c.benchmark, xLabel: 'queries', curves: curvesOf(c) })),
    };
  }
  const comparison = comparisons[0]!;
  const timeCurves = Object.fromEntries(Object.entries(comparison.results).map(([name, s]) => [name, regretOverTime(s.trajectories)]));
  return {
    comparisons,
    text: comparisonTable(comparison, 'accuracy, fraction'),
    json: comparisonJson(comparison, true),
    panels: [
      { title: comparison.benchmark, xLabel: 'queries', curves: curvesOf(comparison) },
      { title: comparison.benchmark, xLabel: 'simulated training seconds', logX: true, curves: timeCurves },
    ],
  };
}

function curvesOf(comparison: Comparison): CurvePanel['curves'] {
  return Object.fromEntries(Object.entries(comparison.results).map(([name, s]) => [name, s.curve]));
}
