/**
 * AutoML-Zero (Real et al. 2020): the register-machine space its programs live in, tasks, the
 * training loop in three forms, FEC fingerprints, experiments, presets. Importing it registers
 * the 'automl-zero' task.
 */
import './register.ts';

// The register machine: memory, instructions, the op set, the space and its programs.
export { AUTOML_ZERO_FIRST_WRITABLE, createMemory } from '../../spaces/register/index.ts';
export type { FirstWritable, Memory, MemoryShape, RegisterKind } from '../../spaces/register/index.ts';
export { DEMO_OPS, OPS, OP_NAMES, instruction, opNamed } from '../../spaces/register/index.ts';
export type { Instruction, OpSpec, RegisterProgram } from '../../spaces/register/index.ts';
export { programKey, registerSpace } from '../../spaces/register/index.ts';
export type { ComponentOptions, RegisterSpace, RegisterSpaceOptions } from '../../spaces/register/index.ts';
export { MUTATION_NAMES, mutateProgram, randomProgram } from '../../spaces/register/index.ts';
export type { ComponentRules, MutationName, MutationRules } from '../../spaces/register/index.ts';
export { formatProgram, interpret, programFromJSON, programToJSON } from '../../spaces/register/index.ts';
export type { FormatOptions, ProgramSchema } from '../../spaces/register/index.ts';

// The task and its training loop.

export type { EvalType, TaskData } from './task-data.ts';
export { linearRegressionTask, nonlinearRegressionTask } from './regression-tasks.ts';
export type { RegressionTaskOptions, TeacherTask } from './regression-tasks.ts';
export { loadMnistDigits, MNIST_PIXELS } from './mnist.ts';
export type { MnistDigits } from './mnist.ts';
export { projectedBinaryTask } from './projected-binary-task.ts';
export type { ProjectedBinaryTaskOptions } from './projected-binary-task.ts';
export { ALL_DIGIT_PAIRS, TASK_KINDS, buildTaskSuite, checkTaskSuite } from './task-suite.ts';
export type { TaskKind, TaskSuiteSpec } from './task-suite.ts';
export { createLoopBuffers, sigmoid, squashRmsError } from './training-loop.ts';
export type { LoopBuffers, LoopData, TrainingLoop } from './training-loop.ts';
export { programLiveness, resolveProgram } from './program-liveness.ts';
export type { ProgramLiveness, ResolvedProgram } from './program-liveness.ts';
export { interpretedLoop } from './interpreted-loop.ts';
export { programSignature } from './compiled-loop.ts';
export type { CompiledProgram, ProgramCompilerOptions } from './compiled-loop.ts';
export { runThreadedLoop } from './threaded-loop.ts';
export type { ThreadedProgram } from './threaded-loop.ts';
export { programEngine } from './program-engine.ts';
export type { EngineStats, PreparedProgram, ProgramEngine, ProgramEngineOptions } from './program-engine.ts';
export { automlZeroTask } from './automl-zero-task.ts';
export type { AutomlZeroTask, AutomlZeroTaskOptions, FecExamples } from './automl-zero-task.ts';
export { automlZeroTaskFromConfig } from './register.ts';
export { recognizeLinearGradientDescent } from './recognize.ts';
export type { GradientDescentMatch } from './recognize.ts';
export { runExperiments } from './experiment.ts';
export type { ExperimentConfig, ExperimentProgress, ExperimentResult, RunExperimentsOptions } from './experiment.ts';
export { runParallelExperiments } from './parallel-experiments.ts';
export type { ParallelExperimentsOptions, ParallelExperimentsResult } from './parallel-experiments.ts';
export { CLASSIFICATION_PRESET, DEMO_PRESET, NONLINEAR_PRESET, PRESETS, presetNamed } from './presets.ts';
export { experimentReport, simplifiedProgram } from './report.ts';
export type { ExperimentReport } from './report.ts';
