import { UsageError } from '../../../core/errors.ts';
import { show } from '../../../core/options.ts';
import type { Json } from '../../../core/types.ts';

/** A recipe config after its keys were checked: present keys only, values still unchecked. */
export type RecipeFields = { readonly [key: string]: unknown };

/**
 * Checks that a NAS recipe's config is an object (null means `{}`) whose keys are all in
 * `known`, so that a typo (`metrics` for `metric`) is one UsageError naming the key.
 */
export function readRecipeConfig(owner: string, config: Json, known: readonly string[]): RecipeFields {
  if (config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) throw new UsageError(`${owner}: the config must be an object, got ${show(config)}`);
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) throw new UsageError(`${owner}: unknown config key '${key}'; known: ${known.length === 0 ? '(none)' : known.join(', ')}`);
  }
  return config;
}

/** `fields[key]` when it is absent or of `type`, else a UsageError naming the key. */
export function optionalField<T extends string | number | boolean>(owner: string, fields: RecipeFields, key: string, type: 'string' | 'number' | 'boolean'): T | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== type) throw new UsageError(`${owner}: config.${key} must be a ${type}, got ${show(value)}`);
  return value as T;
}
