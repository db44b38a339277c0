/**
 * The graph space's recipe: a JSON config that holds every option `graphSpace` takes, and the
 * `graph` entry in core's `spaces`, so a worker or a resumed study rebuilds the same space.
 * Custom ops cannot travel as JSON (they hold code); a module registers them by name in
 * `graphOps`, and a config names them like the standard ones.
 */
import { UsageError } from '../../core/errors.ts';
import { show } from '../../core/options.ts';
import { Registry } from '../../core/registry.ts';
import { spaces } from '../../core/registries.ts';
import type { Rng } from '../../core/rng.ts';
import type { Json } from '../../core/types.ts';
import { opAliases, standardOps } from './op-set.ts';
import type { OpSpec } from './ops.ts';
import { graphSpace, type GraphSpace, type GraphSpaceOptions, type MutationWeights } from './space.ts';

/** How a fresh constant is drawn: N(mean, sd²) (the default is N(0, 1)) or uniform on [min, max). */
export type ConstantInitConfig = { readonly normal: { readonly mean?: number; readonly sd?: number } } | { readonly uniform: { readonly min: number; readonly max: number } };

/** The graph space's config: `graphSpace`'s options as plain JSON, plus input names for printing. */
export interface GraphSpaceConfig {
  readonly inputs: number;
  /** Standard op names or aliases, or names registered in `graphOps`. */
  readonly ops: readonly string[];
  readonly outputs?: number;
  readonly inputTypes?: readonly string[];
  readonly outputTypes?: readonly string[];
  readonly maxVertices?: number;
  /** false for none; true or an object for constants (see `GraphSpaceOptions.constants`). */
  readonly constants?: boolean | { readonly init?: ConstantInitConfig; readonly logSigma?: number; readonly signFlip?: number };
  readonly initialVertices?: readonly [number, number];
  readonly mutationWeights?: Partial<MutationWeights>;
  /** Names of the inputs, for printing programs (x0, x1, … when absent). */
  readonly names?: readonly string[];
  /** Ops that may not appear anywhere inside others: `{ "sin": ["sin", "cos"] }`. */
  readonly forbiddenNesting?: { readonly [outer: string]: readonly string[] };
}

/** Custom ops by name, so that a graph space config can use them (`graphOps.register('gelu', defineOp(…))`). */
export const graphOps = new Registry<OpSpec>('graph op');

const CONFIG_KEYS = ['inputs', 'ops', 'outputs', 'inputTypes', 'outputTypes', 'maxVertices', 'constants', 'initialVertices', 'mutationWeights', 'names', 'forbiddenNesting'] as const;
const CONSTANT_KEYS = ['init', 'logSigma', 'signFlip'];
const OWNER = 'graph space config';

type Fields = { readonly [key: string]: unknown };

function object(name: string, value: unknown, known: readonly string[]): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${OWNER}: ${name} must be a JSON object, got ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new UsageError(`${OWNER}: unknown key '${name === 'config' ? key : `${name}.${key}`}'; known: ${known.join(', ')}`);
  }
  return value as Fields;
}

function stringList(name: string, value: unknown): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new UsageError(`${OWNER}: ${name} must be an array of strings, got ${show(value)}`);
  return value as readonly string[];
}

/** An op name resolved to a standard op's name or a registered custom op. */
function op(name: string): string | OpSpec {
  const canonical = opAliases.get(name.trim()) ?? name.trim();
  if (standardOps.has(canonical) || !graphOps.has(canonical)) return name; // opSet names an unknown one
  return graphOps.get(canonical);
}

function finite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new UsageError(`${OWNER}: ${name} must be a finite number, got ${show(value)}`);
  return value;
}

/** The draw a constant init config stands for; the default N(0, 1) draws exactly as `graphSpace`'s own default. */
function constantInit(value: unknown): ((rng: Rng) => number) | undefined {
  const fields = object('constants.init', value, ['normal', 'uniform']);
  const kinds = Object.keys(fields);
  if (kinds.length !== 1) throw new UsageError(`${OWNER}: constants.init must be { normal: { mean?, sd? } } or { uniform: { min, max } }`);
  if (fields.normal !== undefined) {
    const normal = object('constants.init.normal', fields.normal, ['mean', 'sd']);
    const mean = normal.mean === undefined ? 0 : finite('constants.init.normal.mean', normal.mean);
    const sd = normal.sd === undefined ? 1 : finite('constants.init.normal.sd', normal.sd);
    if (!(sd > 0)) throw new UsageError(`${OWNER}: constants.init.normal.sd must be above 0, got ${sd}`);
    return mean === 0 && sd === 1 ? undefined : (rng) => mean + sd * rng.normal();
  }
  const uniform = object('constants.init.uniform', fields.uniform, ['min', 'max']);
  const min = finite('constants.init.uniform.min', uniform.min);
  const max = finite('constants.init.uniform.max', uniform.max);
  if (!(min < max)) throw new UsageError(`${OWNER}: constants.init.uniform needs min < max, got ${min} and ${max}`);
  return (rng) => rng.uniform(min, max);
}

function constantsOption(value: unknown): GraphSpaceOptions['constants'] {
  if (value === undefined || typeof value === 'boolean') return value;
  const fields = object('constants', value, CONSTANT_KEYS);
  const init = fields.init === undefined ? undefined : constantInit(fields.init);
  return {
    ...(init === undefined ? {} : { init }),
    ...(fields.logSigma === undefined ? {} : { logSigma: fields.logSigma as number }),
    ...(fields.signFlip === undefined ? {} : { signFlip: fields.signFlip as number }),
  };
}

/**
 * `graphSpace`'s options from a config, every key and value checked: an unknown key, or a
 * value of the wrong kind, is a UsageError naming the key.
 */
export function graphSpaceOptions(config: Json): GraphSpaceOptions {
  const fields = object('config', config, CONFIG_KEYS);
  const names = fields.names === undefined ? undefined : stringList('names', fields.names);
  if (names !== undefined && names.length !== fields.inputs) throw new UsageError(`${OWNER}: names must name each of the ${show(fields.inputs)} inputs, got ${names.length}`);
  const weights = fields.mutationWeights;
  // graphSpace names an unknown mutation kind and a bad weight itself.
  if (weights !== undefined && (typeof weights !== 'object' || weights === null || Array.isArray(weights))) {
    throw new UsageError(`${OWNER}: mutationWeights must be a JSON object of weights by mutation, got ${show(weights)}`);
  }
  const present = (key: (typeof CONFIG_KEYS)[number], read: (value: unknown) => unknown = (v) => v) => (fields[key] === undefined ? {} : { [key]: read(fields[key]) });
  const constants = constantsOption(fields.constants);
  return {
    inputs: fields.inputs as number,
    ops: stringList('ops', fields.ops).map(op),
    ...present('outputs'),
    ...present('inputTypes', (v) => stringList('inputTypes', v)),
    ...present('outputTypes', (v) => stringList('outputTypes', v)),
    ...present('maxVertices'),
    ...(constants === undefined ? {} : { constants }),
    ...present('initialVertices'),
    ...(weights === undefined ? {} : { mutationWeights: weights as Partial<MutationWeights> }),
    // graphSpace checks the rules against its ops.
    ...present('forbiddenNesting'),
  } as GraphSpaceOptions;
}

/** Builds the graph space from its config (see `GraphSpaceConfig`). */
export function graphSpaceFromConfig(config: Json): GraphSpace {
  return graphSpace(graphSpaceOptions(config));
}

/** A small config that exercises most options, for the recipe contract test. */
const EXAMPLE: GraphSpaceConfig = {
  inputs: 2,
  ops: ['add', 'mul', 'sin', '/'],
  maxVertices: 10,
  constants: { init: { uniform: { min: -2, max: 2 } }, logSigma: 0.5, signFlip: 0.2 },
  initialVertices: [1, 4],
  mutationWeights: { switchOutput: 0, changeOp: 2 },
  names: ['x', 'y'],
  forbiddenNesting: { sin: ['sin'] },
};

if (!spaces.has('graph')) spaces.register('graph', graphSpaceFromConfig, 'typed DAG programs over an op set', EXAMPLE as unknown as Json);
