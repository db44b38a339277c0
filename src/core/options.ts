import { UsageError } from './errors.ts';

/**
 * Option checks shared by every factory. Each returns the value when it is fine and else
 * throws a UsageError that names the factory and the option (`fecCache: capacity must be
 * ...`), because options often come from a person's JSON config or flags rather than from
 * typed code.
 */

/** Returns `value` when it is a whole number in [min, max], else throws. */
export function wholeNumber(owner: string, name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`${owner}: ${name} must be a whole number ${range}, got ${show(value)}`);
  }
  return value;
}

/** Returns `value` when it is a number in [min, max], else throws. */
export function numberIn(owner: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new UsageError(`${owner}: ${name} must be a number in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

/** Returns `value` when it is a probability in [0, 1], else throws. */
export function probability(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new UsageError(`${owner}: ${name} must be a probability in [0, 1], got ${show(value)}`);
  }
  return value;
}

/** Returns `value` when it is a number of milliseconds above 0, else throws. */
export function positiveMs(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new UsageError(`${owner}: ${name} must be a number of milliseconds > 0, got ${show(value)}`);
  }
  return value;
}

/** Returns `value` when it is a boolean, else throws. */
export function flag(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new UsageError(`${owner}: ${name} must be true or false, got ${show(value)}`);
  return value;
}

/** Returns `value` when it is one of `allowed`, else throws. */
export function oneOfValues<T extends string>(owner: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${owner}: ${name} must be one of ${allowed.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** A short rendering of a bad value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

/**
 * Returns a registry config's fields when it is a JSON object whose keys are all in `known`
 * (null counts as `{}`), else throws, so a typo such as `validationPoint` is reported rather
 * than silently ignored.
 */
export function configFields(owner: string, config: unknown, known: readonly string[]): { readonly [key: string]: unknown } {
  if (config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) throw new UsageError(`${owner}: config must be a JSON object, got ${show(config)}`);
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) throw new UsageError(`${owner}: unknown config key '${key}'; known: ${known.join(', ')}`);
  }
  return config as { readonly [key: string]: unknown };
}
