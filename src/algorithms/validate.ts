import { UsageError } from '../core/errors.ts';
import { probability, show } from '../core/options.ts';
import type { Space } from '../core/types.ts';

/** Checks of the options only search algorithms take; the general ones are in core/options.ts. */

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
