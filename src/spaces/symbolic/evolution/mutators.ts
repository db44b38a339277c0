import { wholeNumber } from '../../../core/options.ts';
import { DNA } from '../dna/dna.ts';
import { mutateOneDecision, swapTwoSlots } from '../dna/dna-ops.ts';
import type { Individual, Operator } from './operator.ts';
import { decisionMask } from './where.ts';
import type { DecisionFilter } from './where.ts';

/** Options of `mutateUniform`. */
export interface UniformMutatorOptions {
  /** Only decisions whose path matches (RegExp) or that pass the predicate may change. */
  readonly where?: DecisionFilter;
  /** Decisions changed per child (each chosen afresh). Default 1. */
  readonly decisions?: number;
}

/**
 * Each input becomes one child with one active decision re-sampled to a different value
 * (uniformly among the decisions `where` allows; a changed choice re-samples the branch it
 * opens). A distinct manyOf slot takes an unused candidate and a sorted one stays sorted. A
 * DNA with nothing allowed to change is copied unchanged.
 */
export function mutateUniform(options: UniformMutatorOptions = {}): Operator {
  const mask = decisionMask('mutateUniform', options.where);
  const times = wholeNumber('mutateUniform', 'decisions', options.decisions ?? 1, 1);
  return (individuals, { spec, rng }) => {
    const eligible = mask(spec);
    const out: Individual[] = [];
    for (const ind of individuals) {
      const values = ind.dna.values.slice();
      for (let t = 0; t < times; t++) mutateOneDecision(spec, values, rng, eligible);
      out.push({ dna: new DNA(values), loss: undefined });
    }
    return out;
  };
}

/** Options of `mutateSwap`. */
export interface SwapMutatorOptions {
  /** Only manyOf/permutate groups whose path matches (RegExp) or whose first slot passes the predicate. */
  readonly where?: DecisionFilter;
}

/**
 * Each input becomes one child with two slots of one active, unsorted manyOf swapped (with
 * the choices inside them), so a permutation stays a permutation. A DNA without such a group
 * is copied unchanged.
 */
export function mutateSwap(options: SwapMutatorOptions = {}): Operator {
  const mask = decisionMask('mutateSwap', options.where);
  return (individuals, { spec, rng }) =>
    individuals.map((ind) => {
      const values = ind.dna.values.slice();
      swapTwoSlots(spec, values, rng, mask(spec));
      return { dna: new DNA(values), loss: undefined };
    });
}
