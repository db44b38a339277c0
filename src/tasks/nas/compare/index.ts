/** Comparing search algorithms on tabular NAS benchmarks by test regret over many seeds. */
export type { TabularAnswer, TabularBenchmark } from './tabular-benchmark.ts';
export { runSearch } from './run-search.ts';
export type { SearchTrajectory } from './run-search.ts';
export { compareOnBenchmark, contender, regretOverTime } from './harness.ts';
export type { AlgorithmSummary, CompareOptions, Comparison, Contender, CurvePoint, PairedDifference } from './harness.ts';
export { meanInterval, tCritical975 } from '../../../core/statistics.ts';
export type { MeanInterval } from '../../../core/statistics.ts';
export { nb201Benchmark } from './nb201-benchmark.ts';
export { nb101Benchmark } from './nb101-benchmark.ts';
export { CONTENDER_NAMES, nb101Contenders, nb201Contenders, parseContenderNames } from './contenders.ts';
export type { ContenderName, ContenderSettings } from './contenders.ts';
export { comparisonJson, comparisonTable } from './report.ts';
export { curvePlotSpec, curvePlotSvg } from '../../../report/curve-plot.ts';
export type { CurvePanel } from '../../../report/curve-plot.ts';
export { DEFAULT_LEARNING_RATE, DEFAULT_POPULATION_SIZE, DEFAULT_TOURNAMENT_SIZE, runNasComparison } from './run-comparison.ts';
export type { NasComparisonOptions, NasComparisonOutput } from './run-comparison.ts';
