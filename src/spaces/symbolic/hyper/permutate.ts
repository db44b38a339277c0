import { ManyOf } from './many-of.ts';
import { readCandidates, readName } from './options.ts';
import type { HyperOptions } from './options.ts';

/**
 * Every item once, in a chosen order. `permutate(['a', 'b', 'c'])` decodes to a `string[]`
 * holding a, b and c; swap mutation and PMX/order crossover keep it a permutation.
 */
export function permutate<T>(items: readonly T[], options?: HyperOptions): ManyOf<T> {
  const name = readName('permutate', options);
  const list = readCandidates('permutate', items);
  return new ManyOf(list.length, list, true, false, name, true);
}
