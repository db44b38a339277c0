import { UsageError } from '../../core/errors.ts';
import { show } from '../../core/options.ts';
import type { FloatArray } from '../tensor/tensor.ts';

/**
 * An optimizer is an update rule over (w, g, state): a plain function that rewrites one
 * parameter's values in place from its gradient and a few auxiliary arrays.
 *
 * The state is a fixed list of named *slots*, each an array the size of w that starts at
 * zero, rather than an object of a type of the rule's own choosing. Three reasons:
 * - it is the shape of an optimizer program in the Lion search space, `train(w, g, m, v, lr)`
 *   with zero-initialised auxiliary variables, so a program found by search is an
 *   `UpdateRule` with no adapter, and drives the same training loops as Adam;
 * - one piece of code saves, restores and checks the state of every rule (the step count and
 *   the slots, as plain arrays), so no rule writes a serialiser, and a searched program's
 *   state is stored like Adam's;
 * - the slots are allocated once, beside the parameter, so an update allocates nothing, and
 *   a rule's memory is plain to see (Lion keeps one slot, AdamW two).
 *
 * Anything that must see all parameters at once (clipping by global norm) is not a rule: the
 * `optimizer` helper does it to the gradients before the rule runs.
 */
export interface UpdateRule {
  /** Registry name (`sgd`, `adam`, `adamw`, `lion`), what `updateRuleFromConfig` reads. */
  readonly name: string;
  /** The options with their defaults filled in; `{ name, ...config }` rebuilds the rule. */
  readonly config: Readonly<Record<string, number | boolean>>;
  /** Names of the per-parameter slots the rule keeps, each zero at the start and the size of w. */
  readonly slots: readonly string[];
  /**
   * One update, in place on `w` and the slots. `w`, `g` and every slot have one length;
   * `step` counts updates from 1 (this one included); `lr` is this step's learning rate.
   */
  update(w: FloatArray, g: FloatArray, slots: readonly FloatArray[], step: number, lr: number): void;
}

/** Returns `value` when it is a number in [0, 1) (a decay rate), else throws. */
export function decayRate(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new UsageError(`${owner}: ${name} must be a number in [0, 1), got ${show(value)}`);
  }
  return value;
}

/** Returns `value` when it is a finite number >= 0, else throws. */
export function nonNegative(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) {
    throw new UsageError(`${owner}: ${name} must be a finite number >= 0, got ${show(value)}`);
  }
  return value;
}

/** Returns `value` when it is a finite number > 0, else throws. */
export function positive(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < Infinity)) {
    throw new UsageError(`${owner}: ${name} must be a finite number > 0, got ${show(value)}`);
  }
  return value;
}
