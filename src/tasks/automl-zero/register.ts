import { UsageError } from '../../core/errors.ts';
import { tasks } from '../../core/registries.ts';
import type { Json } from '../../core/types.ts';
import type { MemoryShape } from '../../spaces/register/index.ts';
import { automlZeroTask, type AutomlZeroTaskOptions, type FecExamples } from './automl-zero-task.ts';
import type { TaskSuiteSpec } from './task-suite.ts';

const KEYS = ['tasks', 'memory', 'maxAbsError', 'fec', 'compileAfter'];

/**
 * Rebuilds an AutoML-Zero task from its JSON config (`task.config`), as a worker or a resumed
 * study does: `{ tasks: {kind, features, numTasks, numTrain, numValid, seed, ...}, memory:
 * {scalars, vectors, matrices, features}, maxAbsError?, fec?, compileAfter? }`.
 */
export function automlZeroTaskFromConfig(config: Json): ReturnType<typeof automlZeroTask> {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new UsageError('automl-zero task config must be an object with tasks and memory');
  const unknown = Object.keys(config).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`automl-zero task config: unknown key '${unknown}'; known: ${KEYS.join(', ')}`);
  for (const key of ['tasks', 'memory'] as const) {
    const value = config[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`automl-zero task config: ${key} must be an object`);
  }
  const fec = config['fec'];
  if (fec !== undefined && fec !== false && (fec === null || typeof fec !== 'object' || Array.isArray(fec))) throw new UsageError('automl-zero task config: fec must be false or { numTrain, numValid }');
  const options: AutomlZeroTaskOptions = {
    tasks: config['tasks'] as unknown as TaskSuiteSpec,
    memory: config['memory'] as unknown as MemoryShape,
    ...(fec === undefined ? {} : { fec: fec as unknown as FecExamples | false }),
    ...(typeof config['maxAbsError'] === 'number' ? { maxAbsError: config['maxAbsError'] } : {}),
    ...(typeof config['compileAfter'] === 'number' ? { compileAfter: config['compileAfter'] } : {}),
  };
  return automlZeroTask(options);
}

tasks.register('automl-zero', automlZeroTaskFromConfig, 'AutoML-Zero: mean fitness of a register-machine learning algorithm over task instances');
