/** Evolution operators over DNA (selectors, mutators, recombinators), composed with pipe. */
export { pipe, repeat } from './operator.ts';
export type { Individual, Operator, OperatorContext } from './operator.ts';
export { selectBottom, selectFirst, selectLast, selectPareto, selectRandom, selectTop, selectTournament } from './selectors.ts';
export type { RandomOptions, RankOptions } from './selectors.ts';
export { mutateSwap, mutateUniform } from './mutators.ts';
export type { SwapMutatorOptions, UniformMutatorOptions } from './mutators.ts';
export { recombineKPoint, recombineSegmented, recombineUniform } from './recombinators.ts';
export type { KPointOptions, RecombinatorOptions, SegmentedOptions } from './recombinators.ts';
export { recombineOrder, recombinePmx } from './permutation-crossover.ts';
export type { PermutationCrossoverOptions } from './permutation-crossover.ts';
export type { DecisionFilter } from './where.ts';
export { evolution } from './evolution.ts';
export type { Evolution, EvolutionOptions } from './evolution.ts';
export { dnaHillClimbing, dnaNsga2, dnaRegularizedEvolution } from './recipes.ts';
export { operatorSpace } from './operator-space.ts';
export type { SpaceOperators } from './operator-space.ts';
export type { DnaHillClimbingOptions, DnaNsga2Options, DnaRegularizedEvolutionOptions } from './recipes.ts';
