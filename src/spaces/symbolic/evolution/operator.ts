import { UsageError } from '../../../core/errors.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { Rng } from '../../../core/rng.ts';
import type { DNA } from '../dna/dna.ts';
import type { DNASpec } from '../dna/dna-spec.ts';

/** One member of a population, or a child not measured yet (`loss` undefined). */
export interface Individual {
  readonly dna: DNA;
  /** The trial's losses (smaller is better), or undefined for a child not yet evaluated. */
  readonly loss: readonly number[] | undefined;
}

/** What every operator may use: the spec the DNA belongs to and the random stream. */
export interface OperatorContext {
  readonly spec: DNASpec;
  readonly rng: Rng;
}

/**
 * An evolution operator: a list of individuals in, a list out. Selectors pick from the
 * input, recombinators make children of it, mutators change each of it; `pipe` chains them.
 * An operator never changes its input.
 */
export type Operator = (individuals: readonly Individual[], ctx: OperatorContext) => readonly Individual[];

/** Chains operators left to right: `pipe(selectTournament(10), mutateUniform())`. */
export function pipe(...operators: readonly Operator[]): Operator {
  if (operators.length === 0) throw new UsageError('pipe: give at least one operator');
  for (const op of operators) if (typeof op !== 'function') throw new UsageError('pipe: every operator must be a function');
  if (operators.length === 1) return operators[0]!;
  return (individuals, ctx) => {
    let current = individuals;
    for (const op of operators) current = op(current, ctx);
    return current;
  };
}

/** Runs `operator` `times` times on the same input and concatenates the outputs (two tournaments for two parents, say). */
export function repeat(times: number, operator: Operator): Operator {
  wholeNumber('repeat', 'times', times, 1);
  return (individuals, ctx) => {
    const out: Individual[] = [];
    for (let t = 0; t < times; t++) for (const ind of operator(individuals, ctx)) out.push(ind);
    return out;
  };
}
