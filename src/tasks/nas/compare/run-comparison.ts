import { UsageError } from '../../../core/errors.ts';
import type { Json } from '../../../core/types.ts';
import { loadNb101Index } from '../nb101/loader.ts';
import type { LoadNb101Options } from '../nb101/loader.ts';
import { nasBench101 } from '../nb101/query-api.ts';
import { defaultNb201CsvPath } from '../nb201/default-data.ts';
import { loadNb201Table } from '../nb201/table.ts';
import type { Nb201Dataset } from '../nb201/table.ts';
import { nb101Contenders, nb201Contenders } from './contenders.ts';
import type { ContenderName, ContenderSettings } from './contenders.ts';
import { compareOnBenchmarkUntilStopped, regretOverTime } from './harness.ts';
import type { Comparison, CompareStops } from './harness.ts';
import { nb201Benchmark } from './nb201-benchmark.ts';
import { comparisonJson, comparisonTable } from './report.ts';
import type { RegretPanel } from './svg-plot.ts';

/** Default settings: RE as in the NAS-Bench-101 notebook (P = 50, S = 10). */
export const DEFAULT_POPULATION_SIZE = 50;
export const DEFAULT_TOURNAMENT_SIZE = 10;
/**
 * REINFORCE's default step per unit of reward, tuned on NAS-Bench-201 (seeds 1000-1029,
 * apart from the reported 0-99) over 0.002-0.05 per accuracy point; NAS-Bench-101 rewards
 * are fractions, so its default is 100 times larger.
 */
export const DEFAULT_LEARNING_RATE = { nb201: 0.01, nb101: 1 } as const;

/** Options of `runNasComparison`. */
export interface NasComparisonOptions extends Partial<ContenderSettings> {
  readonly bench: 'nb201' | 'nb101';
  /** The CSV (NB201; the mini table beside the checkout by default) or .tfrecord (NB101, required). */
  readonly dataset?: string;
  /** NB201 image datasets to compare on, each separately. */
  readonly metrics?: readonly Nb201Dataset[];
  readonly algorithms: readonly ContenderName[];
  readonly seeds: number;
  readonly budget: number;
  readonly seedOffset?: number;
  /** NB101 epoch budget; 108 by default. */
  readonly epochs?: number;
  /** How to load an NB101 dataset (cache, progress). */
  readonly load?: LoadNb101Options;
  /** Aborting stops after the seed being searched; later metrics are then skipped. */
  readonly signal?: AbortSignal;
  /** Stop starting new seeds after this many seconds (over every metric together). */
  readonly timeLimitSeconds?: number;
  /** Called after each seed with the seeds finished and the seeds asked for, over every metric. */
  readonly onProgress?: (seedsDone: number, seedsTotal: number) => void;
}

/** The comparisons made, as text, JSON and plot panels. */
export interface NasComparisonOutput {
  readonly comparisons: readonly Comparison[];
  readonly text: string;
  /** One metric: `{ benchmark, seeds, budget, results, differences }`; several: keyed by metric. */
  readonly json: Json;
  readonly panels: readonly RegretPanel[];
}

/**
 * Regularized evolution, random search and REINFORCE on NAS-Bench-201 (per image dataset)
 * or NAS-Bench-101, over many seeds: the `amoeba nas compare` command without its flags.
 * Stopped early (signal or time limit), it reports the seeds finished.
 */
export async function runNasComparison(options: NasComparisonOptions): Promise<NasComparisonOutput> {
  const settings: ContenderSettings = {
    populationSize: options.populationSize ?? DEFAULT_POPULATION_SIZE,
    tournamentSize: options.tournamentSize ?? DEFAULT_TOURNAMENT_SIZE,
    learningRate: options.learningRate ?? DEFAULT_LEARNING_RATE[options.bench],
  };
  const common = { seeds: options.seeds, budget: options.budget, seedOffset: options.seedOffset ?? 0 };
  const started = performance.now();
  const metricCount = options.bench === 'nb201' ? (options.metrics ?? ['cifar10']).length : 1;
  let seedsBefore = 0;
  const stops = (): CompareStops & typeof common => ({
    ...common,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: Math.max(0, options.timeLimitSeconds - (performance.now() - started) / 1000) }),
    onSeed: (done) => options.onProgress?.(seedsBefore + done, options.seeds * metricCount),
  });
  const stopped = (): boolean => options.signal?.aborted === true || (options.timeLimitSeconds !== undefined && performance.now() - started >= options.timeLimitSeconds * 1000);
  if (options.bench === 'nb201') {
    const table = loadNb201Table(options.dataset ?? defaultNb201CsvPath());
    const asked = options.metrics ?? ['cifar10'];
    if (asked.length === 0) throw new UsageError('give at least one NAS-Bench-201 metric');
    const metrics: Nb201Dataset[] = [];
    const comparisons: Comparison[] = [];
    for (const metric of asked) {
      if (comparisons.length > 0 && stopped()) break;
      const benchmark = nb201Benchmark(table, metric);
      const comparison = await compareOnBenchmarkUntilStopped({ benchmark: benchmark.name, contenders: nb201Contenders(options.algorithms, benchmark, settings), ...stops() });
      seedsBefore += comparison.seeds;
      metrics.push(metric);
      comparisons.push(comparison);
    }
    const jsons = comparisons.map((c) => comparisonJson(c));
    return {
      comparisons,
      text: comparisons.map((c) => comparisonTable(c, 'accuracy points')).join('\n'),
      json: jsons.length === 1 ? jsons[0]! : Object.fromEntries(metrics.map((m, i) => [m, jsons[i]!])),
      panels: comparisons.map((c) => ({ title: c.benchmark, xLabel: 'queries', curves: curvesOf(c) })),
    };
  }
  if (options.dataset === undefined) throw new UsageError('nb101 needs --dataset: the path of nasbench_only108.tfrecord or nasbench_full.tfrecord');
  const bench = nasBench101(loadNb101Index(options.dataset, options.load).index);
  const comparison = await compareOnBenchmarkUntilStopped({ benchmark: `nas-bench-101/${options.epochs ?? 108}`, contenders: nb101Contenders(options.algorithms, bench, settings, options.epochs), ...stops() });
  const timeCurves = Object.fromEntries(Object.entries(comparison.results).map(([name, s]) => [name, regretOverTime(s.trajectories)]));
  return {
    comparisons: [comparison],
    text: comparisonTable(comparison, 'accuracy, fraction'),
    json: comparisonJson(comparison, true),
    panels: [
      { title: comparison.benchmark, xLabel: 'queries', curves: curvesOf(comparison) },
      { title: comparison.benchmark, xLabel: 'simulated training seconds', logX: true, curves: timeCurves },
    ],
  };
}

function curvesOf(comparison: Comparison): RegretPanel['curves'] {
  return Object.fromEntries(Object.entries(comparison.results).map(([name, s]) => [name, s.curve]));
}
