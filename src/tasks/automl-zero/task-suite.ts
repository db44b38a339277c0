import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { Rng, mixSeed } from '../../core/rng.ts';
import { loadMnistDigits } from './mnist.ts';
import { projectedBinaryTask } from './projected-binary-task.ts';
import { linearRegressionTask, nonlinearRegressionTask } from './regression-tasks.ts';
import type { TaskData } from './task-data.ts';

/** The task families. */
export const TASK_KINDS = ['linear', 'nonlinear', 'mnist'] as const;

/** One of `TASK_KINDS`: linear regression, 2-layer-teacher regression, projected MNIST digit pairs. */
export type TaskKind = (typeof TASK_KINDS)[number];

/** A collection of task instances of one kind, as AutoML-Zero's TaskCollection. */
export interface TaskSuiteSpec {
  readonly kind: TaskKind;
  /** Feature size F. */
  readonly features: number;
  /** How many instances, each with its own seeds (and digit pair, for mnist). */
  readonly numTasks: number;
  readonly numTrain: number;
  readonly numValid: number;
  /** Test examples per instance (mnist only). Default 0. */
  readonly numTest?: number;
  /** Digit pairs to draw from (mnist only). Default: all 45 pairs. */
  readonly digitPairs?: readonly (readonly [number, number])[];
  /** Seeds every instance; the same seed gives the same tasks. */
  readonly seed: number;
}

/** All 45 unordered pairs of different digits. */
export const ALL_DIGIT_PAIRS: readonly (readonly [number, number])[] = Array.from({ length: 10 }, (_, a) => Array.from({ length: 9 - a }, (_, k) => [a, a + 1 + k] as const)).flat();

/** Checks a suite spec at once; a bad field is a UsageError naming it. */
export function checkTaskSuite(spec: TaskSuiteSpec, owner = 'tasks'): TaskSuiteSpec {
  if (!TASK_KINDS.includes(spec.kind)) throw new UsageError(`${owner}: kind must be one of ${TASK_KINDS.join(', ')}, got '${String(spec.kind)}'`);
  const whole = (name: string, value: unknown, min: number, max = 1_000_000_000): number => wholeNumber(owner, name, value, min, max);
  whole('features', spec.features, 1, 1024);
  whole('numTasks', spec.numTasks, 1);
  whole('numTrain', spec.numTrain, 1);
  whole('numValid', spec.numValid, 1);
  whole('numTest', spec.numTest ?? 0, 0);
  whole('seed', spec.seed, -(2 ** 31), 2 ** 32 - 1);
  if (spec.digitPairs !== undefined) {
    if (spec.kind !== 'mnist') throw new UsageError(`${owner}: digitPairs applies only to kind 'mnist'`);
    if (spec.digitPairs.length === 0) throw new UsageError(`${owner}: digitPairs must list at least one pair`);
  }
  return spec;
}

/**
 * Builds the task instances of a suite. Instance k of a regression suite draws its teacher
 * from mixSeed(seed, 2k) and its inputs from mixSeed(seed, 2k+1); mnist instance k uses the
 * k-th pair of the seed's shuffled pair list (cycling) and its own split and projection.
 */
export function buildTaskSuite(spec: TaskSuiteSpec): TaskData[] {
  checkTaskSuite(spec);
  const tasks: TaskData[] = [];
  if (spec.kind === 'mnist') {
    const mnist = loadMnistDigits();
    const pairs = new Rng(spec.seed).shuffle(spec.digitPairs ?? ALL_DIGIT_PAIRS);
    for (let k = 0; k < spec.numTasks; k++) {
      const pair = pairs[k % pairs.length]!;
      tasks.push(
        projectedBinaryTask(mnist, {
          index: k,
          features: spec.features,
          digits: [pair[0], pair[1]],
          numTrain: spec.numTrain,
          numValid: spec.numValid,
          numTest: spec.numTest ?? 0,
          seed: mixSeed(spec.seed, k),
        }),
      );
    }
    return tasks;
  }
  const make = spec.kind === 'linear' ? linearRegressionTask : nonlinearRegressionTask;
  for (let k = 0; k < spec.numTasks; k++) {
    tasks.push(make({ index: k, features: spec.features, numTrain: spec.numTrain, numValid: spec.numValid, paramSeed: mixSeed(spec.seed, 2 * k), dataSeed: mixSeed(spec.seed, 2 * k + 1) }));
  }
  return tasks;
}
