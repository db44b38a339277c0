/** The loop, its contracts and the registries; knows no representation, task or storage. */
export type { Algorithm, EvalContext, Json, Measurement, Objective, Space, Task, Trial, TrialStatus } from './types.ts';
export type { CacheLookup, CacheStats, EvaluationCache, Executor, FinishedRecord, ProposedRecord, ResumePoint, SnapshotRecord, StoredTrialStatus, StudyLog, TrialRecord } from './plugs.ts';
export { Rng, mixSeed, seededRng } from './rng.ts';
export { SpaceError, UsageError, isUsageError } from './errors.ts';
export { crowdingDistance, dominates, hypervolume, nonDominatedSort, paretoFront } from './pareto.ts';
export { runningFront } from './running-front.ts';
export type { FrontPoint, RunningFront } from './running-front.ts';
export { Registry } from './registry.ts';
export { Study, study } from './study.ts';
export type { StopReason, StudyOptions, StudySummary } from './study.ts';
export { InlineExecutor, inlineExecutor } from './inline-executor.ts';
export { algorithms, spaces, tasks } from './registries.ts';
export type { AlgorithmExample, AlgorithmFactory, SpaceFactory, TaskFactory } from './registries.ts';
