import { UsageError } from '../core/errors.ts';
import type { Space } from '../core/types.ts';

/**
 * Option checks shared by the algorithm factories. Each throws a UsageError that names the
 * factory and the option (`regularizedEvolution: populationSize must be ...`), because
 * options often come from a person's JSON config rather than from typed code.
 */

/** Returns `value` when it is a whole number in [min, max], else throws. */
export function wholeNumber(owner: string, name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`${owner}: ${name} must be a whole number ${range}, got ${show(value)}`);
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

/** Returns `value` when it is a boolean, else throws. */
export function flag(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new UsageError(`${owner}: ${name} must be true or false, got ${show(value)}`);
  return value;
}

/** Returns the space when it has every method a search needs, else throws. */
export function requireSpace<G>(owner: string, space: Space<G> | undefined): Space<G> {
  const methods = ['random', 'mutate', 'key', 'toJSON', 'fromJSON'] as const;
  if (typeof space !== 'object' || space === null || methods.some((m) => typeof space[m] !== 'function')) {
    throw new UsageError(`${owner}: space is required: an object with ${methods.join(', ')} methods`);
  }
  return space;
}

/** A crossover probability above 0 needs a space that can cross over. */
export function crossoverProbability<G>(owner: string, space: Space<G>, value: unknown): number {
  const p = probability(owner, 'crossoverProbability', value);
  if (p > 0 && space.crossover === undefined) {
    throw new UsageError(`${owner}: crossoverProbability is ${p} but the space has no crossover; set it to 0`);
  }
  return p;
}

/** Returns a copy of the initial programs when they are an array of at most `limit`. */
export function initialPrograms<G>(owner: string, initial: readonly G[] | undefined, limit: number): G[] {
  if (initial === undefined) return [];
  if (!Array.isArray(initial)) throw new UsageError(`${owner}: initial must be an array of programs, got ${show(initial)}`);
  if (initial.length > limit) {
    throw new UsageError(`${owner}: initial must hold at most populationSize (${limit}) programs, got ${initial.length}`);
  }
  return initial.slice();
}

/** A short rendering of a bad value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}
