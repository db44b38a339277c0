import type { Rng } from '../core/rng.ts';

/** Anything a tournament can rank: smaller fitness is better. */
export interface Contestant {
  readonly fitness: number;
}

// Indices drawn so far in a tournament without replacement; reused to avoid allocating.
let drawn = new Int32Array(64);

/**
 * Tournament selection over positions 0..n-1 of a non-empty population, read through
 * `fitnessAt`: samples `tournamentSize` positions and returns the one with the smallest
 * fitness. Without replacement the sample holds distinct positions (at most n, drawn with
 * Floyd's algorithm); with replacement each is drawn independently. Ties go to the higher
 * position (in an aging population, the younger member), or to the lower one when
 * `tiesToLower`.
 */
export function tournamentIndex(n: number, tournamentSize: number, withReplacement: boolean, rng: Rng, fitnessAt: (position: number) => number, tiesToLower = false): number {
  if (n === 0) throw new RangeError('tournamentSelect: the population is empty');
  const size = withReplacement ? tournamentSize : Math.min(tournamentSize, n);
  if (!withReplacement && drawn.length < size) drawn = new Int32Array(size);
  let best = -1;
  let bestFitness = Infinity;
  for (let d = 0; d < size; d++) {
    let pick: number;
    if (withReplacement) {
      pick = rng.int(n);
    } else {
      // Floyd's algorithm: draw from [0, j]; if already drawn, take j itself (new so far).
      const j = n - size + d;
      pick = rng.int(j + 1);
      for (let k = 0; k < d; k++) {
        if (drawn[k] === pick) {
          pick = j;
          break;
        }
      }
      drawn[d] = pick;
    }
    const fitness = fitnessAt(pick);
    if (best < 0 || fitness < bestFitness || (fitness === bestFitness && (tiesToLower ? pick < best : pick > best))) {
      best = pick;
      bestFitness = fitness;
    }
  }
  return best;
}

/**
 * Tournament selection on an array of contestants (see `tournamentIndex`): returns the
 * fittest of `tournamentSize` sampled members; ties go to the member at the higher index.
 */
export function tournamentSelect<T extends Contestant>(population: readonly T[], tournamentSize: number, withReplacement: boolean, rng: Rng): T {
  return population[tournamentIndex(population.length, tournamentSize, withReplacement, rng, (i) => (population[i] as T).fitness)] as T;
}
