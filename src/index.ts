/**
 * Amoeba: evolutionary program search. A hand-picked facade; each part also has its own
 * `index.ts` with more.
 */

// The loop and its contracts.
export type { Algorithm, EvalContext, Json, Measurement, Objective, Space, Task, Trial, TrialStatus } from './core/index.ts';
export type { CacheLookup, CacheStats, EvaluationCache, Executor, StopReason, StudyOptions, StudySummary } from './core/index.ts';
export type { Registry, Rng, Study } from './core/index.ts';
export { SpaceError, UsageError, inlineExecutor, seededRng, study } from './core/index.ts';
// The registries; 'amoeba/registries' also registers every built-in task and space.
export { algorithms, spaces, tasks } from './core/index.ts';
export { crowdingDistance, dominates, hypervolume, nonDominatedSort, paretoFront } from './core/index.ts';

// Search strategies (importing them registers them by name).
export { hillClimbing, nsga2, randomSearch, regularizedEvolution, retryUntilChanged } from './algorithms/index.ts';
export { withRestarts } from './algorithms/restarts.ts';

// Functional hashing and the functional-equivalence cache.
export { fecCache, functionalHash, quantize } from './hashing/index.ts';

// Typed DAG programs.
export type { Graph, GraphSpace, GraphSpaceOptions, OpSet, OpSpec, Vertex } from './spaces/graph/index.ts';
export { columnEvaluator, compileGraph, constantsOf, defineOp, graphKey, graphSpace, interpret, opSet, shapeKey, simplify } from './spaces/graph/index.ts';
export { toC, toInfix, toJS, toLatex, toNumpy, toSympy, withConstants } from './spaces/graph/index.ts';
export { simplifyAlgebra } from './spaces/graph/algebra/index.ts';

// Small learners ('amoeba/learn' has them all).
export { levenbergMarquardt } from './learn/index.ts';

// Symbolic regression.
export type { FitOptions, Formula, RegressionData, SymbolicRegressionModel, SymbolicRegressionResult, SymbolicRegressionSearchOptions, TableLike } from './tasks/symbolic-regression/index.ts';
export { loadModel, nguyen, readCsv, regressionData, searchFormulas, symbolicRegression, symbolicRegressionTask } from './tasks/symbolic-regression/index.ts';

// Heavier parts have their own entry points, so that importing 'amoeba' stays light:
// 'amoeba/symbolic' (PyGlove-style spaces), 'amoeba/store' (SQLite, resume),
// 'amoeba/executors' (worker threads), 'amoeba/executors/queue' (Redis), 'amoeba/report',
// 'amoeba/nas', 'amoeba/approx', 'amoeba/sr', 'amoeba/automl-zero' (with the register
// machine space), 'amoeba/learn', 'amoeba/registries'.
