import type { Rng } from '../../../core/rng.ts';
import type { ChoiceGroup } from './choice-group.ts';

/** What a decision picks: a candidate index, an integer, or a float. */
export type DecisionKind = 'choice' | 'int' | 'float';

/**
 * One decision of a DNA spec, at one DNA slot. A controller or operator can walk
 * `spec.decisions` in slot order and read each one's size or range; a decision is active in a
 * DNA exactly when its gating choice (`parent`) is active and holds `parentCandidate`.
 */
export interface DecisionPoint {
  /** Its slot in `dna.values`; decisions are numbered in depth-first order, parents first. */
  readonly index: number;
  /** Unique, stable id: the key path plus `[=c]` for each candidate it lies under (`opt[=1].lr`). */
  readonly id: string;
  /** Key path of the decided value in the decoded object (`opt.lr`); may repeat across candidates. */
  readonly path: string;
  /** The name the author gave the hyper value, if any. */
  readonly name: string | undefined;
  readonly kind: DecisionKind;
  /** Number of possible values: candidates of a choice, `max - min + 1` of an int, Infinity for a float. */
  readonly size: number;
  /** Smallest value the slot may hold (0 for a choice). */
  readonly min: number;
  /** Largest value the slot may hold (`size - 1` for a choice). */
  readonly max: number;
  /** How a float is sampled; `'linear'` for choices and ints. */
  readonly scale: 'linear' | 'log';
  /** A short label per candidate of a choice, for display; undefined for numbers. */
  readonly labels: readonly string[] | undefined;
  /** The choice that gates this decision, or undefined at the top level. */
  readonly parent: DecisionPoint | undefined;
  /** The candidate of `parent` under which this decision lives (-1 without a parent). */
  readonly parentCandidate: number;
  /** The manyOf (or permutate) this decision is a slot of, if any. */
  readonly group: ChoiceGroup | undefined;
  /** Its position among the group's slots (-1 outside a group). */
  readonly slotInGroup: number;
  /** One past the last slot this decision gates: its subtree is [index + 1, end). */
  readonly end: number;
  /** True when this decision takes part in the DNA (its gate is open). */
  isActive(values: Float64Array): boolean;
  /** True when `value` may stand in this slot (ignoring group constraints). */
  isValidValue(value: number): boolean;
  /** A uniform value for this slot alone (ignoring group constraints). */
  randomValue(rng: Rng): number;
  /** True when `mutate` can change this decision in `values`. */
  canMutate(values: Float64Array): boolean;
  /** Changes this decision to another value in place, re-sampling the subtree it gates. */
  mutate(values: Float64Array, rng: Rng): void;
  /** A readable form of a slot value: the candidate label or the number. */
  describe(value: number): string;
}

/** True when the decision's gate is open in `values`; an inactive parent holds NaN, which equals nothing. */
export function gateOpen(decision: DecisionPoint, values: Float64Array): boolean {
  const parent = decision.parent;
  return parent === undefined || values[parent.index] === decision.parentCandidate;
}
