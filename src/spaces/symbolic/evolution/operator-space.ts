import type { Rng } from '../../../core/rng.ts';
import type { Space } from '../../../core/types.ts';
import type { DNA } from '../dna/dna.ts';
import type { Template } from '../dna/template.ts';
import type { Individual, Operator, OperatorContext } from './operator.ts';

/** The operators that replace a template's own `mutate` and `crossover`. */
export interface SpaceOperators {
  /** Makes the child of one parent (its first output is taken). */
  readonly mutator?: Operator;
  /** Makes the child of two parents (its first output is taken). */
  readonly recombinator?: Operator;
}

/**
 * A template as a core `Space<DNA>` whose `mutate` and `crossover` are operators of the
 * algebra, so every core algorithm can search with them. An operator that returns no child
 * leaves the (first) parent unchanged. Without operators the template itself is returned.
 */
export function operatorSpace(space: Template<unknown>, operators: SpaceOperators): Space<DNA> {
  const { mutator, recombinator } = operators;
  if (mutator === undefined && recombinator === undefined) return space;
  let ctx: OperatorContext | undefined;
  const context = (rng: Rng): OperatorContext => (ctx?.rng === rng ? ctx : (ctx = { spec: space.spec, rng }));
  const child = (operator: Operator, parents: readonly Individual[], rng: Rng): DNA => operator(parents, context(rng))[0]?.dna ?? parents[0]!.dna;
  return {
    random: (rng) => space.random(rng),
    mutate: mutator === undefined ? (g, rng) => space.mutate(g, rng) : (g, rng) => child(mutator, [{ dna: g, loss: undefined }], rng),
    crossover:
      recombinator === undefined
        ? (a, b, rng) => space.crossover(a, b, rng)
        : (a, b, rng) => child(recombinator, [{ dna: a, loss: undefined }, { dna: b, loss: undefined }], rng),
    key: (g) => space.key(g),
    toJSON: (g) => space.toJSON(g),
    fromJSON: (json) => space.fromJSON(json),
  };
}
