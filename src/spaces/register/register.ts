/**
 * Registers the register-machine space in core's `spaces` as 'register', so that workers and
 * `amoeba resume` rebuild it from (id, config). Its config is `registerSpace`'s options as
 * JSON, every one of them: `{ memory, components, mutations?, mutateProbability?, initial?,
 * firstWritable? }`; `registerSpaceConfig` writes it.
 */
import { UsageError } from '../../core/errors.ts';
import { show } from '../../core/options.ts';
import { spaces } from '../../core/registries.ts';
import type { Json } from '../../core/types.ts';
import { registerSpace, type RegisterSpace, type RegisterSpaceOptions } from './space.ts';

/** The config keys of the 'register' space: the options of `registerSpace`. */
export const REGISTER_SPACE_CONFIG_KEYS = ['memory', 'components', 'mutations', 'mutateProbability', 'initial', 'firstWritable'] as const;

/** The space's options as the JSON config its recipe stores. */
export function registerSpaceConfig(options: RegisterSpaceOptions): Json {
  return JSON.parse(JSON.stringify(options)) as Json;
}

/** Builds the space from its config; a config that is not an object, or has an unknown key, is a UsageError naming it. */
export function registerSpaceFromConfig(config: Json): RegisterSpace {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new UsageError(`register space config must be an object { memory, components, ... }, got ${show(config)}`);
  const known: readonly string[] = REGISTER_SPACE_CONFIG_KEYS;
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) throw new UsageError(`register space config: unknown key '${key}'; known: ${known.join(', ')}`);
  }
  for (const key of ['memory', 'components'] as const) {
    const value = config[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`register space config: ${key} must be an object, got ${show(value)}`);
  }
  const { firstWritable, mutations } = config;
  if (firstWritable !== undefined && (firstWritable === null || typeof firstWritable !== 'object' || Array.isArray(firstWritable))) {
    throw new UsageError(`register space config: firstWritable must be an object { scalar, vector, matrix }, got ${show(firstWritable)}`);
  }
  if (mutations !== undefined && !Array.isArray(mutations)) throw new UsageError(`register space config: mutations must be an array of mutation names, got ${show(mutations)}`);
  return registerSpace(config as unknown as RegisterSpaceOptions);
}

/** An example config (the AutoML-Zero demo's space, smaller), for docs and contract tests. */
export const EXAMPLE_REGISTER_SPACE_CONFIG: Json = {
  memory: { scalars: 4, vectors: 3, matrices: 1, features: 4 },
  components: {
    setup: { ops: ['SCALAR_CONST_SET_OP', 'VECTOR_GAUSSIAN_SET_OP'], initialSize: 3 },
    predict: { ops: ['VECTOR_INNER_PRODUCT_OP', 'SCALAR_SUM_OP'], initialSize: 2, minSize: 1, maxSize: 4 },
    learn: { ops: ['SCALAR_DIFF_OP', 'SCALAR_PRODUCT_OP', 'SCALAR_VECTOR_PRODUCT_OP', 'VECTOR_SUM_OP'], initialSize: 4 },
  },
  mutations: ['alter-param', 'randomize-instruction', 'randomize-component', 'insert', 'remove'],
  mutateProbability: 0.9,
};

if (!spaces.has('register')) spaces.register('register', registerSpaceFromConfig, 'AutoML-Zero register-machine programs (setup, predict, learn)', EXAMPLE_REGISTER_SPACE_CONFIG);
