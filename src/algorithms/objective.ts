import { UsageError } from '../core/errors.ts';
import { show } from '../core/options.ts';

/**
 * Which loss a single-objective algorithm minimises: an index into `trial.loss`, or a
 * function that turns the whole loss vector into one number (a weighted sum, say).
 */
export type SingleObjective = number | ((loss: readonly number[]) => number);

/**
 * Validates an objective option and returns the fitness function it stands for (smaller is
 * better). A NaN fitness counts as +Infinity, so comparisons stay well defined.
 */
export function fitnessFunction(owner: string, objective: SingleObjective | undefined): (loss: readonly number[]) => number {
  const chosen = objective ?? 0;
  if (typeof chosen === 'function') {
    return (loss) => {
      const fitness = chosen(loss);
      return fitness === fitness ? fitness : Infinity;
    };
  }
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < 0) {
    throw new UsageError(`${owner}: objective must be a loss index (a whole number >= 0) or a function, got ${show(chosen)}`);
  }
  return (loss) => {
    const fitness = loss[chosen];
    if (fitness === undefined) {
      throw new UsageError(`${owner}: objective ${chosen} is out of range: trials have ${loss.length} loss value(s)`);
    }
    return fitness === fitness ? fitness : Infinity;
  };
}
