import { UsageError } from '../../core/errors.ts';
import { Rng, mixSeed } from '../../core/rng.ts';
import type { EvalContext, Json, Measurement, Task } from '../../core/types.ts';
import type { MemoryShape, OpRandom, RegisterProgram } from '../../spaces/register/index.ts';
import { checkMemoryShape, wipeMemory } from '../../spaces/register/index.ts';
import { ProgramEngine, type EngineStats, type PreparedProgram } from './program-engine.ts';
import type { TaskData } from './task-data.ts';
import { buildTaskSuite, checkTaskSuite, type TaskSuiteSpec } from './task-suite.ts';
import { createLoopBuffers, type LoopBuffers } from './training-loop.ts';

/** Examples of each task that the functional-equivalence fingerprint runs on. */
export interface FecExamples {
  readonly numTrain: number;
  readonly numValid: number;
}

/**
 * AutoML-Zero's selection (T_select): a program whose search fitness exceeds `above` is also
 * measured on these tasks, drawing its random numbers from `evalSeed`, and its evaluation
 * reports `selectFitness` and `selectSteps`.
 */
export interface SelectJudging {
  readonly tasks: TaskSuiteSpec;
  readonly above: number;
  readonly evalSeed: number;
}

/** Options of `automlZeroTask`. */
export interface AutomlZeroTaskOptions {
  /** The search tasks (AutoML-Zero's T_search). */
  readonly tasks: TaskSuiteSpec;
  /** Register counts and F (must equal the tasks' feature size; at least s0, s1 and v0). */
  readonly memory: MemoryShape;
  /** Errors above this stop training early. Default 100. */
  readonly maxAbsError?: number;
  /** Examples the fingerprint runs on, or false for no fingerprint. Default 10 and 10. */
  readonly fec?: FecExamples | false;
  /** Tier-up threshold of the program engine (see `ProgramEngine`). */
  readonly compileAfter?: number;
  /** Judge programs above a fitness on select tasks within their evaluation. Default: never. */
  readonly select?: SelectJudging;
  /**
   * An engine to share with other tasks of the same memory shape and eval type, so compiled
   * code outlives this task (as across experiments). Default: a new one.
   */
  readonly engine?: ProgramEngine;
}

/**
 * What an evaluation reports with its fitness (`Measurement.info`), so that a study sums the
 * training steps from results wherever they were evaluated: `trainSteps` of the evaluation,
 * `fecSteps` of the program's fingerprint (0 without FEC; equal for programs that share a
 * functional hash, since the fingerprint marks where a run stopped), and, for a program
 * judged on the select tasks, `selectFitness` and `selectSteps`.
 */
export interface StepsInfo {
  readonly [key: string]: number;
  readonly trainSteps: number;
  readonly fecSteps: number;
}

/** An AutoML-Zero task: mean fitness of a program over many task instances. */
export interface AutomlZeroTask extends Task<RegisterProgram> {
  readonly options: AutomlZeroTaskOptions;
  readonly instances: readonly TaskData[];
  /** Training steps run so far, by evaluations and fingerprints together. */
  readonly trainSteps: number;
  /**
   * Mean fitness over the instances; each draws its random numbers from (seed, instance).
   * With split 'test', the program is validated on each instance's test examples instead.
   */
  fitness(program: RegisterProgram, seed: number, split?: 'valid' | 'test'): number;
  engineStats(): EngineStats;
}

// As AutoML-Zero's evaluator, fingerprints draw random numbers from one fixed seed.
const FEC_SEED = 235732282;
// Programs without random ops never draw; they get this instead of a fresh Rng.
const NO_RANDOM: OpRandom = {
  float: () => {
    throw new Error('a program without random ops drew a random number');
  },
  normal: () => {
    throw new Error('a program without random ops drew a random number');
  },
};

/**
 * AutoML-Zero's search evaluation (Real et al. 2020): each program is trained and validated
 * on every task instance from a wiped memory, and its fitness is the mean over instances
 * (maximised). The fingerprint, used by a functional-equivalence cache, is the absolute
 * errors of a short run on the first `fec` examples of every instance (-1 where a run
 * stopped early), so programs that behave alike on them share one evaluation.
 *
 * @example
 * const task = automlZeroTask({ tasks: { kind: 'linear', features: 4, numTasks: 10, numTrain: 100, numValid: 100, seed: 1 }, memory: DEMO_PRESET.memory });
 * await new Study({ space, task, algorithm, cache: fecCache(), budgetTrials: 10_000 }).run();
 */
export function automlZeroTask(options: AutomlZeroTaskOptions): AutomlZeroTask {
  const suite = checkTaskSuite(options.tasks, 'automl-zero task: tasks');
  const memory = checkMemoryShape(options.memory, 'automl-zero task: memory');
  if (memory.features !== suite.features) throw new UsageError(`automl-zero task: memory.features (${memory.features}) must equal tasks.features (${suite.features})`);
  if (memory.scalars < 2 || memory.vectors < 1) throw new UsageError(`automl-zero task: memory needs at least 2 scalars (label s0, prediction s1) and 1 vector (features v0), got ${memory.scalars} and ${memory.vectors}`);
  const fec = options.fec ?? { numTrain: 10, numValid: 10 };
  if (fec !== false) {
    for (const [name, value, max] of [['numTrain', fec.numTrain, suite.numTrain], ['numValid', fec.numValid, suite.numValid]] as const) {
      if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`automl-zero task: fec.${name} must be a whole number in [1, ${max}] (the task's own count), got ${value}`);
    }
  }
  const maxAbsError = options.maxAbsError ?? 100;
  if (!(maxAbsError > 0)) throw new UsageError(`automl-zero task: maxAbsError must be > 0, got ${maxAbsError}`);
  const instances = buildTaskSuite(suite);
  const evalType = instances[0]!.evalType;
  const engine = options.engine ?? new ProgramEngine(memory, evalType, { maxAbsError, ...(options.compileAfter === undefined ? {} : { compileAfter: options.compileAfter }) });
  if (engine.evalType !== evalType || engine.maxAbsError !== maxAbsError || JSON.stringify(engine.shape) !== JSON.stringify(memory)) {
    throw new UsageError('automl-zero task: the shared engine was made for another memory shape, eval type or maxAbsError');
  }
  const buffers: LoopBuffers = createLoopBuffers(suite.numTrain, suite.numValid);
  let trainSteps = 0;
  // The program fingerprinted last and the training steps that took (inline, the evaluation follows).
  let fingerprintedProgram: RegisterProgram | undefined;
  let fingerprintedSteps = 0;
  let lastProgram: RegisterProgram | undefined;
  let lastPrepared: PreparedProgram | undefined;
  const prepare = (program: RegisterProgram): PreparedProgram => {
    if (program !== lastProgram) {
      lastPrepared = engine.prepare(program);
      lastProgram = program;
    }
    return lastPrepared!;
  };
  const fitness = (program: RegisterProgram, seed: number, split: 'valid' | 'test' = 'valid'): number => {
    const prepared = prepare(program);
    let sum = 0;
    for (const data of instances) {
      wipeMemory(engine.memory);
      const rng = prepared.random ? new Rng(mixSeed(seed, data.index)) : NO_RANDOM;
      if (split === 'test') {
        if (data.testX === undefined || data.testY === undefined || data.testY.length === 0) throw new UsageError('automl-zero task: these tasks have no test examples; give numTest > 0');
        const testBuffers = createLoopBuffers(suite.numTrain, data.testY.length);
        sum += prepared.run({ ...data, validX: data.testX, validY: data.testY }, suite.numTrain, data.testY.length, rng, testBuffers);
        trainSteps += testBuffers.counts[0]!;
        continue;
      }
      sum += prepared.run(data, suite.numTrain, suite.numValid, rng, buffers);
      trainSteps += buffers.counts[0]!;
    }
    return sum / instances.length;
  };
  const task: AutomlZeroTask = {
    id: 'automl-zero',
    config: optionsToJson(options),
    options,
    instances,
    objectives: [{ name: 'fitness', goal: 'max' }],
    get trainSteps() {
      return trainSteps;
    },
    fitness,
    evaluate: (program: RegisterProgram, ctx: EvalContext): Measurement => {
      // On a worker the study's fingerprint ran elsewhere: run it again to know its steps.
      const fecSteps = fec === false ? 0 : fingerprintedProgram === program ? fingerprintedSteps : fingerprintSteps(program);
      const before = trainSteps;
      const value = fitness(program, ctx.seed);
      const info: { [key: string]: number } = { trainSteps: trainSteps - before, fecSteps };
      if (options.select !== undefined && value > options.select.above) Object.assign(info, judge(program));
      return { values: [value], info };
    },
    engineStats: () => engine.stats(),
  };
  let selectTask: AutomlZeroTask | undefined;
  /** The program's fitness on the select tasks, and the training steps that took. */
  const judge = (program: RegisterProgram): { selectFitness: number; selectSteps: number } => {
    const select = options.select!;
    selectTask ??= automlZeroTask({ tasks: select.tasks, memory, maxAbsError, fec: false, engine });
    const before = selectTask.trainSteps;
    const selectFitness = selectTask.fitness(program, select.evalSeed);
    return { selectFitness, selectSteps: selectTask.trainSteps - before };
  };
  const fingerprintSteps = (program: RegisterProgram): number => {
    fingerprint(program);
    return fingerprintedSteps;
  };
  if (fec === false) return task;
  const width = fec.numTrain + fec.numValid;
  const fingerprint = (program: RegisterProgram): Float64Array => {
    const before = trainSteps;
    const prepared = prepare(program);
    const print = new Float64Array(instances.length * width).fill(-1);
    for (const data of instances) {
      wipeMemory(engine.memory);
      const rng = prepared.random ? new Rng(FEC_SEED) : NO_RANDOM;
      prepared.run(data, fec.numTrain, fec.numValid, rng, buffers);
      trainSteps += buffers.counts[0]!;
      // Copied by hand: two subarray views per instance would be garbage for every individual.
      const at = data.index * width;
      const { trainErrors, validErrors, counts } = buffers;
      for (let e = 0; e < counts[1]!; e++) print[at + e] = trainErrors[e]!;
      for (let e = 0; e < counts[2]!; e++) print[at + fec.numTrain + e] = validErrors[e]!;
    }
    fingerprintedProgram = program;
    fingerprintedSteps = trainSteps - before;
    return print;
  };
  return {
    ...task,
    get trainSteps() {
      return trainSteps;
    },
    fingerprint,
  };
}

function optionsToJson(options: AutomlZeroTaskOptions): Json {
  const { engine: _engine, ...plain } = options;
  return JSON.parse(JSON.stringify(plain)) as Json;
}
