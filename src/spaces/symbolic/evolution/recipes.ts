import type { Json } from '../../../core/types.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { Template } from '../dna/template.ts';
import { evolution } from './evolution.ts';
import type { Evolution } from './evolution.ts';
import { pipe, repeat } from './operator.ts';
import type { Operator } from './operator.ts';
import { mutateUniform } from './mutators.ts';
import { recombineUniform } from './recombinators.ts';
import { selectLast, selectPareto, selectRandom, selectTop, selectTournament } from './selectors.ts';

/** Options of `dnaRegularizedEvolution`. */
export interface DnaRegularizedEvolutionOptions {
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
  /** P: members kept; the oldest leaves when a newer one arrives. Default 100. */
  readonly populationSize?: number;
  /** S: members per tournament. Default 10. */
  readonly tournamentSize?: number;
  /** Default `mutateUniform()`. */
  readonly mutator?: Operator;
}

/**
 * Regularized (aging) evolution (Real et al. 2019) in the operator algebra: P random
 * members, then the mutated winner of a tournament of S, keeping the youngest P.
 */
export function dnaRegularizedEvolution(space: Template<unknown>, options: DnaRegularizedEvolutionOptions = {}): Evolution {
  const populationSize = wholeNumber('dnaRegularizedEvolution', 'populationSize', options.populationSize ?? 100, 1);
  const tournamentSize = wholeNumber('dnaRegularizedEvolution', 'tournamentSize', options.tournamentSize ?? 10, 1);
  return evolution(space, {
    init: populationSize,
    reproduce: pipe(selectTournament(tournamentSize, { ties: 'newer' }), options.mutator ?? mutateUniform()),
    update: selectLast(populationSize),
    ...resume(options.snapshot),
  });
}

/** Options of `dnaHillClimbing`. */
export interface DnaHillClimbingOptions {
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
  /** Default `mutateUniform()`. */
  readonly mutator?: Operator;
}

/** Hill climbing in the operator algebra: mutate the best so far; a child as good replaces it (plateaus are crossed). */
export function dnaHillClimbing(space: Template<unknown>, options: DnaHillClimbingOptions = {}): Evolution {
  return evolution(space, {
    init: 1,
    reproduce: pipe(selectTop(1), options.mutator ?? mutateUniform()),
    update: selectTop(1, { ties: 'newer' }),
    ...resume(options.snapshot),
  });
}

/** Options of `dnaNsga2`. */
export interface DnaNsga2Options {
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
  /** N: members kept by non-dominated rank and crowding. Default 50. */
  readonly populationSize?: number;
  /** Default `recombineUniform()`. */
  readonly recombinator?: Operator;
  /** Default `mutateUniform()`. */
  readonly mutator?: Operator;
}

/**
 * NSGA-II (Deb et al. 2002) in the operator algebra, steady state: two binary tournaments
 * by dominance pick parents, their child is recombined and mutated, and each new member
 * triggers selection of the best N by rank and crowding.
 */
export function dnaNsga2(space: Template<unknown>, options: DnaNsga2Options = {}): Evolution {
  const populationSize = wholeNumber('dnaNsga2', 'populationSize', options.populationSize ?? 50, 1);
  return evolution(space, {
    init: populationSize,
    reproduce: pipe(repeat(2, pipe(selectRandom(2), selectPareto(1))), options.recombinator ?? recombineUniform(), options.mutator ?? mutateUniform()),
    update: selectPareto(populationSize),
    ...resume(options.snapshot),
  });
}

function resume(snapshot: Json | undefined): { snapshot?: Json } {
  return snapshot === undefined ? {} : { snapshot };
}
