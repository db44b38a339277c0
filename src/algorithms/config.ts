import { SpaceError, UsageError } from '../core/errors.ts';
import type { Json, Space } from '../core/types.ts';
import { retryUntilChanged } from './retry-until-changed.ts';
import { show } from '../core/options.ts';

/** A registry config after its keys were checked: present keys only, values still unchecked. */
export type ConfigFields = { readonly [key: string]: unknown };

/**
 * Checks that an algorithm's JSON config is an object (null means `{}`) whose keys are all
 * in `known`, so a typo such as `popSize` is reported instead of silently ignored.
 */
export function readConfig(name: string, config: Json, known: readonly string[]): ConfigFields {
  if (config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError(`algorithm '${name}': config must be an object, got ${show(config)}`);
  }
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) throw new UsageError(`algorithm '${name}': unknown config key '${key}'; known: ${known.join(', ')}`);
  }
  return config;
}

/** The config's `initial` programs rebuilt with `space.fromJSON`, or undefined when absent. */
export function initialFromConfig<G>(name: string, fields: ConfigFields, space: Space<G>): G[] | undefined {
  const initial = fields.initial;
  if (initial === undefined) return undefined;
  if (!Array.isArray(initial)) throw new UsageError(`algorithm '${name}': initial must be an array of programs, got ${show(initial)}`);
  return initial.map((json: unknown, i) => {
    try {
      return space.fromJSON(json);
    } catch (error) {
      if (error instanceof SpaceError) throw new SpaceError(`algorithm '${name}': initial[${i}]: ${error.message}`);
      throw error;
    }
  });
}

/**
 * The space to search: wrapped with `retryUntilChanged` when the config's
 * `retryUntilChanged` is true (10 tries) or a number of tries.
 */
export function spaceFromConfig<G>(name: string, fields: ConfigFields, space: Space<G>): Space<G> {
  const retry = fields.retryUntilChanged;
  if (retry === undefined || retry === false) return space;
  if (retry === true) return retryUntilChanged(space);
  if (typeof retry !== 'number') {
    throw new UsageError(`algorithm '${name}': retryUntilChanged must be true, false or a number of tries, got ${show(retry)}`);
  }
  return retryUntilChanged(space, { maxTries: retry });
}

/** The fields among `keys` that the config sets, for spreading into a factory's options. */
export function presentFields(fields: ConfigFields, keys: readonly string[]): ConfigFields {
  const present: { [key: string]: unknown } = {};
  for (const key of keys) if (fields[key] !== undefined) present[key] = fields[key];
  return present;
}
