/**
 * Registers AutoNumerics-Zero's parts by id, so that worker threads, `amoeba worker` and
 * `amoeba resume` rebuild a function-approximation study from its store alone:
 * - task `function-approx`: `{ target, interval?, mode?, ops, trainPoints?, validationPoints?, fitEvaluations? }`
 *   (a built-in target by name; a custom target's functions cannot be stored);
 * - space `function-approx-graph`: `{ ops, maxVertices? }`;
 * - algorithm `lamarckian`: `{ algorithm: { id, config } }`, any registered algorithm whose
 *   trials are fed back with the constants their evaluation fitted.
 */
import '../../algorithms/register.ts';
import { UsageError } from '../../core/errors.ts';
import { configFields, oneOfValues, show, wholeNumber } from '../../core/options.ts';
import { algorithms, spaces, tasks } from '../../core/registries.ts';
import type { Algorithm, Json, Space } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { opSet } from '../../spaces/graph/op-set.ts';
import { lamarckian } from './lamarckian.ts';
import { approxSpace } from './space.ts';
import { functionApproxTask, type FunctionApproxTask } from './task.ts';
import { builtInTarget, checkInterval, type Interval } from './targets.ts';

/** The `function-approx` task's config: everything `functionApproxTask` takes, the target by name. */
export interface FunctionApproxConfig {
  readonly target: string;
  /** Default: the target's own interval. */
  readonly interval?: Interval;
  /** Default 'real'. */
  readonly mode?: 'real' | 'float32';
  readonly ops: readonly string[];
  readonly trainPoints?: number;
  readonly validationPoints?: number;
  readonly fitEvaluations?: number;
}

/** The `function-approx-graph` space's config: what `approxSpace` takes. */
export interface ApproxSpaceConfig {
  readonly ops: readonly string[];
  readonly maxVertices?: number;
}

/** The `lamarckian` algorithm's config: the algorithm it wraps, as a registry recipe. */
export interface LamarckianConfig {
  readonly algorithm: { readonly id: string; readonly config: Json };
}

const TASK_KEYS = ['target', 'interval', 'mode', 'ops', 'trainPoints', 'validationPoints', 'fitEvaluations'];
const SPACE_KEYS = ['ops', 'maxVertices'];
const LAMARCKIAN_KEYS = ['algorithm', 'snapshot'];

function opNames(owner: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((op) => typeof op === 'string')) {
    throw new UsageError(`${owner}: ops must be a non-empty array of op names, e.g. ["add", "sub", "mul", "div"], got ${show(value)}`);
  }
  return value as string[];
}

function optionalCount(owner: string, key: string, value: unknown, min: number): number | undefined {
  return value === undefined ? undefined : wholeNumber(owner, key, value, min);
}

/** Builds the task from its config; the config is kept on the task, so a worker rebuilds the same one. */
export function functionApproxFromConfig(config: Json): FunctionApproxTask {
  const owner = 'function-approx';
  const fields = configFields(owner, config, TASK_KEYS);
  if (typeof fields['target'] !== 'string') throw new UsageError(`${owner}: target must be the name of a built-in target (exp2, exp, ln, log2, erf), got ${show(fields['target'])}`);
  const target = builtInTarget(fields['target']);
  const interval = fields['interval'] === undefined ? target.defaultInterval : checkInterval(fields['interval'], `${owner}: interval`);
  const mode = oneOfValues(owner, 'mode', fields['mode'] ?? 'real', ['real', 'float32'] as const);
  const ops = opSet(opNames(owner, fields['ops']));
  const trainPoints = optionalCount(owner, 'trainPoints', fields['trainPoints'], 2);
  const validationPoints = optionalCount(owner, 'validationPoints', fields['validationPoints'], 2);
  const fitEvaluations = optionalCount(owner, 'fitEvaluations', fields['fitEvaluations'], 1);
  return functionApproxTask({
    target,
    interval,
    mode,
    ops,
    config,
    ...(trainPoints === undefined ? {} : { trainPoints }),
    ...(validationPoints === undefined ? {} : { validationPoints }),
    ...(fitEvaluations === undefined ? {} : { fitEvaluations }),
  });
}

/** Builds the space from its config. */
export function approxSpaceFromConfig(config: Json) {
  const owner = 'function-approx-graph';
  const fields = configFields(owner, config, SPACE_KEYS);
  const maxVertices = optionalCount(owner, 'maxVertices', fields['maxVertices'], 1);
  return approxSpace({ ops: opNames(owner, fields['ops']), ...(maxVertices === undefined ? {} : { maxVertices }) });
}

/** Builds the wrapped algorithm from its recipe, handing a resume snapshot on to it. */
export function lamarckianFromConfig(space: Space<unknown>, config: Json): Algorithm<unknown> {
  const owner = 'lamarckian';
  const fields = configFields(owner, config, LAMARCKIAN_KEYS);
  const recipe = fields['algorithm'];
  if (typeof recipe !== 'object' || recipe === null || Array.isArray(recipe) || typeof (recipe as { id?: unknown }).id !== 'string') {
    throw new UsageError(`${owner}: algorithm must be the recipe of the algorithm to wrap, e.g. { "id": "nsga2", "config": { "populationSize": 64 } }, got ${show(recipe)}`);
  }
  const { id, config: innerConfig } = recipe as { id: string; config?: Json };
  const inner = innerConfig ?? {};
  if (typeof inner !== 'object' || Array.isArray(inner)) throw new UsageError(`${owner}: algorithm.config must be a JSON object, got ${show(inner)}`);
  const withSnapshot = fields['snapshot'] === undefined ? inner : { ...inner, snapshot: fields['snapshot'] as Json };
  return lamarckian(algorithms.get(id)(space, withSnapshot) as Algorithm<Graph>) as Algorithm<unknown>;
}

/** Small recipes that build each part, for the recipe contract tests and as examples to copy. */
const TASK_EXAMPLE: FunctionApproxConfig = { target: 'exp2', ops: ['add', 'sub', 'mul', 'div'], trainPoints: 16, validationPoints: 33 };
const SPACE_EXAMPLE: ApproxSpaceConfig = { ops: ['add', 'sub', 'mul', 'div'], maxVertices: 12 };
const LAMARCKIAN_EXAMPLE: LamarckianConfig = { algorithm: { id: 'nsga2', config: { populationSize: 6, crossoverProbability: 0, retryUntilChanged: 5 } } };

if (!tasks.has('function-approx')) {
  tasks.register('function-approx', functionApproxFromConfig, 'AutoNumerics-Zero: approximate exp2, exp, ln, log2 or erf by a program of few ops', TASK_EXAMPLE as unknown as Json);
}
if (!spaces.has('function-approx-graph')) {
  spaces.register('function-approx-graph', approxSpaceFromConfig, 'one-input graph programs keyed by shape, their constants fitted by the task', SPACE_EXAMPLE as unknown as Json);
}
if (!algorithms.has('lamarckian')) {
  algorithms.register('lamarckian', lamarckianFromConfig, 'any algorithm, fed back each program with the constants its evaluation fitted', {
    space: { id: 'function-approx-graph', config: SPACE_EXAMPLE as unknown as Json },
    config: LAMARCKIAN_EXAMPLE as unknown as Json,
  });
}
