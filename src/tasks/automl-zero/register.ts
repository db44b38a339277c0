import { UsageError } from '../../core/errors.ts';
import { numberIn, show, wholeNumber } from '../../core/options.ts';
import { algorithms, tasks } from '../../core/registries.ts';
import type { Algorithm, Json, Space } from '../../core/types.ts';
import { readConfig } from '../../algorithms/config.ts';
import { checkMemoryShape, type MemoryShape, type RegisterProgram } from '../../spaces/register/index.ts';
import { programEngine, type ProgramEngine } from './program-engine.ts';
import { EXAMPLE_REGISTER_SPACE_CONFIG, registerSpaceFromConfig } from '../../spaces/register/register.ts';
import { programPrinters } from '../../report/program-printers.ts';
import { experimentEvolution, type ExperimentEvolutionOptions } from './experiment-evolution.ts';
import { simplifiedProgram } from './report.ts';
import { automlZeroTask, type AutomlZeroTaskOptions, type FecExamples, type SelectJudging } from './automl-zero-task.ts';
import { checkTaskSuite, type TaskSuiteSpec } from './task-suite.ts';

const KEYS = ['tasks', 'memory', 'maxAbsError', 'fec', 'compileAfter', 'select'];
const SELECT_KEYS = ['tasks', 'above', 'evalSeed'];

/**
 * Rebuilds an AutoML-Zero task from its JSON config (`task.config`), as a worker or a resumed
 * study does: `{ tasks: {kind, features, numTasks, numTrain, numValid, seed, ...}, memory:
 * {scalars, vectors, matrices, features}, maxAbsError?, fec?, compileAfter?, select?: { tasks,
 * above, evalSeed } }`.
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
  for (const key of ['maxAbsError', 'compileAfter'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'number') throw new UsageError(`automl-zero task config: ${key} must be a number, got ${show(config[key])}`);
  }
  const select = config['select'];
  if (select !== undefined) checkSelect(select);
  const options: AutomlZeroTaskOptions = {
    tasks: config['tasks'] as unknown as TaskSuiteSpec,
    memory: config['memory'] as unknown as MemoryShape,
    ...(fec === undefined ? {} : { fec: fec as unknown as FecExamples | false }),
    ...(typeof config['maxAbsError'] === 'number' ? { maxAbsError: config['maxAbsError'] } : {}),
    ...(typeof config['compileAfter'] === 'number' ? { compileAfter: config['compileAfter'] } : {}),
    ...(select === undefined ? {} : { select: select as unknown as SelectJudging }),
  };
  return automlZeroTask({ ...options, engine: sharedEngine(options) });
}

// Tasks rebuilt from configs (one per experiment, in a worker or on resume) share compiled code.
const engines = new Map<string, ProgramEngine>();

/** One engine per memory shape, eval type and engine options, for every task rebuilt here. */
function sharedEngine(options: AutomlZeroTaskOptions): ProgramEngine {
  const memory = checkMemoryShape(options.memory, 'automl-zero task config: memory');
  const evalType = options.tasks.kind === 'mnist' ? 'accuracy' : 'rms';
  const maxAbsError = options.maxAbsError ?? 100;
  const key = JSON.stringify([memory.scalars, memory.vectors, memory.matrices, memory.features, evalType, maxAbsError, options.compileAfter ?? null]);
  let engine = engines.get(key);
  if (engine === undefined) {
    engine = programEngine(memory, evalType, { maxAbsError, ...(options.compileAfter === undefined ? {} : { compileAfter: options.compileAfter }) });
    engines.set(key, engine);
  }
  return engine;
}

/** Checks the shape of `select`; `automlZeroTask` checks the select tasks when it first judges. */
function checkSelect(select: Json): void {
  if (select === null || typeof select !== 'object' || Array.isArray(select)) throw new UsageError('automl-zero task config: select must be { tasks, above, evalSeed }');
  const unknown = Object.keys(select).find((key) => !SELECT_KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`automl-zero task config: unknown key 'select.${unknown}'; known: ${SELECT_KEYS.join(', ')}`);
  const suite = select['tasks'];
  if (suite === null || typeof suite !== 'object' || Array.isArray(suite)) throw new UsageError('automl-zero task config: select.tasks must be an object');
  checkTaskSuite(suite as unknown as TaskSuiteSpec, 'automl-zero task config: select.tasks');
  numberIn('automl-zero task config', 'select.above', select['above'], -Infinity, Infinity);
  wholeNumber('automl-zero task config', 'select.evalSeed', select['evalSeed'], 0, 2 ** 32 - 1);
}

/** The config keys of the 'automl-zero-evolution' algorithm: `experimentEvolution`'s options. */
export const EXPERIMENT_EVOLUTION_CONFIG_KEYS = ['populationSize', 'tournamentSize', 'withReplacement', 'experimentTrainSteps', 'sufficientFitness', 'snapshot'];

/** Builds the experiment's algorithm from its config; an unknown key is a UsageError naming it. */
export function experimentEvolutionFromConfig(space: Space<unknown>, config: Json): Algorithm<unknown> {
  const fields = readConfig('automl-zero-evolution', config, EXPERIMENT_EVOLUTION_CONFIG_KEYS) as Partial<ExperimentEvolutionOptions>;
  return experimentEvolution({ ...(fields as ExperimentEvolutionOptions), space: space as Space<RegisterProgram> }) as Algorithm<unknown>;
}

/** A register program on one line, dead instructions left out, for reports: `Setup(): a; b | Predict(): c | Learn(): pass`. */
function printRegisterProgram(genotype: Json, spaceConfig: Json): string {
  const space = registerSpaceFromConfig(spaceConfig);
  const components: string[] = [];
  for (const line of simplifiedProgram(space.fromJSON(genotype), space.memory).split('\n')) {
    if (line.startsWith('def ')) components.push(`${line.slice(4)} `);
    else components[components.length - 1] += `${components[components.length - 1]!.endsWith(' ') ? '' : '; '}${line.trim()}`;
  }
  return components.join(' | ');
}

if (!algorithms.has('automl-zero-evolution')) {
  algorithms.register('automl-zero-evolution', experimentEvolutionFromConfig, 'one AutoML-Zero experiment: regularized evolution until a training-step budget or a program that passes selection', {
    space: { id: 'register', config: EXAMPLE_REGISTER_SPACE_CONFIG },
    config: { populationSize: 10, tournamentSize: 3, experimentTrainSteps: 1_000_000, sufficientFitness: 0.9999 },
  });
}
if (!programPrinters.has('register')) programPrinters.register('register', printRegisterProgram);
if (!tasks.has('automl-zero')) tasks.register('automl-zero', automlZeroTaskFromConfig, 'AutoML-Zero: mean fitness of a register-machine learning algorithm over task instances');
