/** Symbolic regression: fit formulas for a data column, with constants and a Pareto front. */
export type { RegressionData, Table } from './dataset.ts';
export { MIN_ROWS, parseCsv, readCsv, regressionData, splitRows } from './dataset.ts';
export type { SymbolicRegressionOptions, SymbolicRegressionTask } from './task.ts';
export { EXACT_NMSE, SR_OBJECTIVES, complexity, symbolicRegressionTask } from './task.ts';
export type { Formula, SymbolicRegressionResult, SymbolicRegressionSearchOptions } from './search.ts';
export { DEFAULT_SR_OPS, pickBest, searchFormulas } from './search.ts';
export type { LinearScale } from './linear-scaling.ts';
export { linearScale, withLinearScale } from './linear-scaling.ts';
export { tidyFormula } from './tidy.ts';
export type { BenchmarkProblem } from './nguyen.ts';
export { nguyen, sampleProblem } from './nguyen.ts';
