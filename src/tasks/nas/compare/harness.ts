import { UsageError } from '../../../core/errors.ts';
import { mixSeed } from '../../../core/rng.ts';
import type { Algorithm } from '../../../core/types.ts';
import { runSearch } from './run-search.ts';
import type { SearchTrajectory } from './run-search.ts';
import { meanInterval } from '../../../core/statistics.ts';
import type { MeanInterval } from '../../../core/statistics.ts';
import type { CurvePoint } from '../../../report/curve-plot.ts';
import type { TabularBenchmark } from './tabular-benchmark.ts';

/** One algorithm entered in a comparison, with the view of the benchmark it searches. */
export interface Contender {
  /** The name the report uses (`re`, `rs`, `reinforce`). */
  readonly name: string;
  /** One search of `budget` queries from `seed`, with a fresh algorithm. */
  search(budget: number, seed: number): SearchTrajectory;
}

/**
 * A contender that builds a fresh algorithm per search. Algorithms over different genotypes
 * (matrices, DNA) may search views of the same table, so each contender brings its own.
 */
export function contender<G>(name: string, benchmark: TabularBenchmark<G>, makeAlgorithm: () => Algorithm<G>): Contender {
  return { name, search: (budget, seed) => runSearch(benchmark, makeAlgorithm(), budget, seed) };
}

/** Options of `compareOnBenchmark`. */
export interface CompareOptions {
  /** Names the benchmark in the report (`nas-bench-201/cifar10`). */
  readonly benchmark: string;
  readonly contenders: readonly Contender[];
  /** Independent searches per algorithm; search s of every algorithm uses seed s. */
  readonly seeds: number;
  /** Queries per search. */
  readonly budget: number;
  /** Added to every search's seed, to draw a different set of seeds. Default 0. */
  readonly seedOffset?: number;
}

export type { CurvePoint } from '../../../report/curve-plot.ts';

/** What one algorithm achieved over all seeds. */
export interface AlgorithmSummary {
  /** Mean test regret after the whole budget, with its 95% interval over seeds. */
  readonly final: MeanInterval;
  /** Mean regret after each query (1-based), with 95% intervals. */
  readonly curve: readonly CurvePoint[];
  /** Every search's trajectory, in seed order. */
  readonly trajectories: readonly SearchTrajectory[];
}

/** The paired difference of final regrets between two algorithms (first minus second). */
export interface PairedDifference extends MeanInterval {
  readonly first: string;
  readonly second: string;
}

/** Everything `compareOnBenchmark` measured. */
export interface Comparison {
  readonly benchmark: string;
  readonly seeds: number;
  readonly budget: number;
  readonly results: { readonly [name: string]: AlgorithmSummary };
  /** Every ordered pair of algorithms, paired by seed. */
  readonly differences: readonly PairedDifference[];
}

/** How a comparison may be cut short: the seeds finished by then are the ones reported. */
export interface CompareStops {
  /** Aborting stops after the seed being searched (at least one seed is always finished). */
  readonly signal?: AbortSignal;
  /** Stop starting new seeds after this many seconds. */
  readonly timeLimitSeconds?: number;
  /** Called after each seed with the number finished. */
  readonly onSeed?: (seedsDone: number) => void;
}

/**
 * Runs every algorithm `seeds` times for `budget` queries and summarises the incumbent's
 * test regret: per query, the mean and 95% interval over seeds, and the paired difference
 * of final regrets between algorithms (search s of each algorithm shares seed s).
 */
export function compareOnBenchmark(options: CompareOptions): Comparison {
  checkCompare(options);
  const trajectories = new Map(options.contenders.map((c) => [c.name, [] as SearchTrajectory[]]));
  for (let s = 0; s < options.seeds; s++) searchSeed(options, s, trajectories);
  return comparisonOf(options, trajectories);
}

/**
 * `compareOnBenchmark` that gives the event loop a turn between seeds, so a signal or a time
 * limit can stop it; seed s of every algorithm runs before seed s + 1 of any, so the seeds
 * finished when it stops still pair up. The report counts only the seeds finished.
 */
export async function compareOnBenchmarkUntilStopped(options: CompareOptions & CompareStops): Promise<Comparison> {
  checkCompare(options);
  const started = performance.now();
  const trajectories = new Map(options.contenders.map((c) => [c.name, [] as SearchTrajectory[]]));
  let lastYield = started;
  let done = 0;
  while (done < options.seeds) {
    searchSeed(options, done, trajectories);
    done++;
    options.onSeed?.(done);
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (options.signal?.aborted === true) break;
    if (options.timeLimitSeconds !== undefined && performance.now() - started >= options.timeLimitSeconds * 1000) break;
  }
  return comparisonOf({ ...options, seeds: done }, trajectories);
}

const YIELD_EVERY_MS = 50;

function checkCompare(options: CompareOptions): void {
  const { contenders, seeds, budget } = options;
  if (!(Number.isInteger(seeds) && seeds >= 1)) throw new UsageError(`compare: seeds must be a whole number >= 1, got ${seeds}`);
  if (!(Number.isInteger(budget) && budget >= 1)) throw new UsageError(`compare: budget must be a whole number >= 1, got ${budget}`);
  const names = contenders.map((c) => c.name);
  if (names.length === 0) throw new UsageError('compare: give at least one algorithm');
  if (new Set(names).size !== names.length) throw new UsageError(`compare: algorithm names must differ, got ${names.join(', ')}`);
}

/** Search s of every contender, appended to its trajectories. */
function searchSeed(options: CompareOptions, s: number, trajectories: Map<string, SearchTrajectory[]>): void {
  const seed = mixSeed((options.seedOffset ?? 0) + s, 0x5eed);
  for (const c of options.contenders) trajectories.get(c.name)!.push(c.search(options.budget, seed));
}

/** The summaries and paired differences of `seeds` finished searches per contender. */
function comparisonOf(options: CompareOptions, trajectories: Map<string, SearchTrajectory[]>): Comparison {
  return comparisonOfTrajectories(options.benchmark, options.budget, trajectories);
}

/**
 * The comparison of finished searches: per algorithm (in the map's order) its trajectories
 * in seed order, every algorithm with the same number, search s of each sharing seed s.
 */
export function comparisonOfTrajectories(benchmark: string, budget: number, trajectories: ReadonlyMap<string, readonly SearchTrajectory[]>): Comparison {
  const names = [...trajectories.keys()];
  const seeds = trajectories.get(names[0]!)?.length ?? 0;
  const results: { [name: string]: AlgorithmSummary } = {};
  for (const name of names) results[name] = summarise(trajectories.get(name)!, budget);
  const differences: PairedDifference[] = [];
  for (const first of names) {
    for (const second of names) {
      if (first === second) continue;
      const a = results[first]!.trajectories;
      const b = results[second]!.trajectories;
      const paired = a.map((t, s) => t.regret[budget - 1]! - b[s]!.regret[budget - 1]!);
      differences.push({ first, second, ...meanInterval(paired) });
    }
  }
  return { benchmark, seeds, budget, results, differences };
}

function summarise(trajectories: readonly SearchTrajectory[], budget: number): AlgorithmSummary {
  const curve: CurvePoint[] = [];
  const column = new Float64Array(trajectories.length);
  for (let k = 0; k < budget; k++) {
    trajectories.forEach((t, s) => (column[s] = t.regret[k]!));
    curve.push({ at: k + 1, ...meanInterval(column) });
  }
  return { final: curve[budget - 1]!, curve, trajectories };
}

/**
 * Mean regret against simulated seconds, at `points` log-spaced times from the moment every
 * search has made its first query to the moment the shortest search ended, so every search
 * contributes to every point.
 */
export function regretOverTime(trajectories: readonly SearchTrajectory[], points = 50): CurvePoint[] {
  if (trajectories.length === 0) return [];
  const start = Math.max(...trajectories.map((t) => t.seconds[0]!));
  const end = Math.min(...trajectories.map((t) => t.seconds[t.seconds.length - 1]!));
  if (!(start > 0 && end >= start)) return [];
  const curve: CurvePoint[] = [];
  const column = new Float64Array(trajectories.length);
  for (let p = 0; p < points; p++) {
    const at = points === 1 ? end : start * (end / start) ** (p / (points - 1));
    trajectories.forEach((t, s) => (column[s] = t.regret[lastAtOrBefore(t.seconds, at)]!));
    curve.push({ at, ...meanInterval(column) });
  }
  return curve;
}

/** Index of the last entry of an ascending array that is <= `value` (0 if none). */
function lastAtOrBefore(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
