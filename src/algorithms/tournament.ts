import type { Rng } from '../core/rng.ts';

/** Anything a tournament can rank: smaller fitness is better. */
export interface Contestant {
  readonly fitness: number;
}

// Indices drawn so far in a tournament without replacement; reused to avoid allocating.
let drawn = new Int32Array(64);

/**
 * Tournament selection: samples `tournamentSize` members of a non-empty population and
 * returns the fittest (smallest fitness). Without replacement the sample holds distinct
 * members (at most the whole population, drawn with Floyd's algorithm); with replacement
 * each member is drawn independently. Ties go to the member at the higher index, which in
 * an aging population is the younger one.
 */
export function tournamentSelect<T extends Contestant>(population: readonly T[], tournamentSize: number, withReplacement: boolean, rng: Rng): T {
  const n = population.length;
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
    const fitness = (population[pick] as T).fitness;
    if (best < 0 || fitness < bestFitness || (fitness === bestFitness && pick > best)) {
      best = pick;
      bestFitness = fitness;
    }
  }
  return population[best] as T;
}
