import type { Rng } from '../core/rng.ts';
import type { Space } from '../core/types.ts';

/** The settings every population algorithm has, once checked. */
export interface PopulationSettings<G> {
  readonly space: Space<G>;
  readonly populationSize: number;
  readonly crossoverProbability: number;
}

/**
 * The child a population algorithm proposes from `parent`: with probability
 * `crossoverProbability` it is first crossed over with a second parent drawn by
 * `secondParent` (the space must then have `crossover`); it is always mutated.
 */
export function makeChild<G>(space: Space<G>, crossoverProbability: number, parent: G, secondParent: (rng: Rng) => G, rng: Rng): G {
  if (crossoverProbability > 0 && rng.chance(crossoverProbability)) {
    const crossover = space.crossover as NonNullable<Space<G>['crossover']>;
    return space.mutate(crossover.call(space, parent, secondParent(rng), rng), rng);
  }
  return space.mutate(parent, rng);
}
