/** Search algorithms over any space, in ask/tell form; importing this registers them by name. */
import './register.ts';

export { randomSearch } from './random-search.ts';
export type { RandomSearchOptions } from './random-search.ts';
export { regularizedEvolution } from './regularized-evolution.ts';
export type { PopulationMember, RegularizedEvolution, RegularizedEvolutionOptions } from './regularized-evolution.ts';
export { nsga2 } from './nsga2.ts';
export type { Nsga2, Nsga2Options, RankedMember } from './nsga2.ts';
export { hillClimbing } from './hill-climbing.ts';
export type { HillClimbing, HillClimbingOptions } from './hill-climbing.ts';
export { retryUntilChanged } from './retry-until-changed.ts';
export type { RetryUntilChangedOptions } from './retry-until-changed.ts';
export { tournamentSelect } from './tournament.ts';
export type { Contestant } from './tournament.ts';
export { environmentalSelection, rankAndCrowding } from './nsga2-selection.ts';
export type { RankAndCrowding } from './nsga2-selection.ts';
export type { SingleObjective } from './objective.ts';
export type { Member } from './snapshot-json.ts';
export { ALGORITHM_CONFIG_KEYS } from './register.ts';
