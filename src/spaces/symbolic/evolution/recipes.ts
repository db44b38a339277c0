import { hillClimbing } from '../../../algorithms/hill-climbing.ts';
import type { HillClimbing, HillClimbingOptions } from '../../../algorithms/hill-climbing.ts';
import { nsga2 } from '../../../algorithms/nsga2.ts';
import type { Nsga2, Nsga2Options } from '../../../algorithms/nsga2.ts';
import { regularizedEvolution } from '../../../algorithms/regularized-evolution.ts';
import type { RegularizedEvolution, RegularizedEvolutionOptions } from '../../../algorithms/regularized-evolution.ts';
import type { Json } from '../../../core/types.ts';
import type { DNA } from '../dna/dna.ts';
import type { Template } from '../dna/template.ts';
import type { Operator } from './operator.ts';
import { operatorSpace } from './operator-space.ts';

/**
 * The classic searches over a template with operators of the algebra as their variation:
 * each is the core algorithm, run on `operatorSpace(template, operators)`, so there is one
 * implementation of each search and its snapshots are the core algorithm's.
 */

/** Options of `dnaRegularizedEvolution`: the core options (defaults P = 100, S = 10), and the mutator. */
export interface DnaRegularizedEvolutionOptions extends Partial<Pick<RegularizedEvolutionOptions<DNA>, 'populationSize' | 'tournamentSize' | 'snapshot'>> {
  /** Makes a child of the tournament's winner. Default: the template's own `mutate`. */
  readonly mutator?: Operator;
}

/**
 * Regularized (aging) evolution (Real et al. 2019) over a template: P random members, then
 * the mutated winner of a tournament of S, keeping the youngest P. It is the core
 * `regularizedEvolution`, with `mutator` as the mutation.
 */
export function dnaRegularizedEvolution(space: Template<unknown>, options: DnaRegularizedEvolutionOptions = {}): RegularizedEvolution<DNA> {
  const populationSize = options.populationSize ?? 100;
  const tournamentSize = options.tournamentSize ?? 10;
  // A tournament larger than the population draws all of it, as the algebra's selectors do.
  const drawn = typeof populationSize === 'number' && typeof tournamentSize === 'number' && populationSize >= 1 ? Math.min(tournamentSize, populationSize) : tournamentSize;
  return regularizedEvolution({ space: operatorSpace(space, options), populationSize, tournamentSize: drawn, ...resume(options.snapshot) });
}

/** Options of `dnaHillClimbing`: a snapshot to resume from, and the mutator. */
export interface DnaHillClimbingOptions extends Pick<HillClimbingOptions<DNA>, 'snapshot'> {
  /** Makes a child of the incumbent. Default: the template's own `mutate`. */
  readonly mutator?: Operator;
}

/** Hill climbing over a template: the core `hillClimbing` (a child as good replaces the incumbent), with `mutator` as the mutation. */
export function dnaHillClimbing(space: Template<unknown>, options: DnaHillClimbingOptions = {}): HillClimbing<DNA> {
  return hillClimbing({ space: operatorSpace(space, options), ...resume(options.snapshot) });
}

/** Options of `dnaNsga2`: the core options (default N = 50), the recombinator and the mutator. */
export interface DnaNsga2Options extends Partial<Pick<Nsga2Options<DNA>, 'populationSize' | 'snapshot'>> {
  /** Makes a child of two tournament winners. Default: the template's own `crossover` (uniform). */
  readonly recombinator?: Operator;
  /** Then changes that child. Default: the template's own `mutate`. */
  readonly mutator?: Operator;
}

/**
 * NSGA-II (Deb et al. 2002) over a template, steady state: the core `nsga2` with one
 * offspring per generation, so every new member triggers selection of the best N by rank
 * and crowding; each child is the recombination of two binary-tournament winners, mutated.
 */
export function dnaNsga2(space: Template<unknown>, options: DnaNsga2Options = {}): Nsga2<DNA> {
  return nsga2({ space: operatorSpace(space, options), populationSize: options.populationSize ?? 50, offspringSize: 1, crossoverProbability: 1, ...resume(options.snapshot) });
}

function resume(snapshot: Json | undefined): { snapshot?: Json } {
  return snapshot === undefined ? {} : { snapshot };
}
