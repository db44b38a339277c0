import type { Rng } from '../core/rng.ts';
import type { Space } from '../core/types.ts';
import { wholeNumber } from '../core/options.ts';
import { requireSpace } from './validate.ts';

/** Options of `retryUntilChanged`. */
export interface RetryUntilChangedOptions {
  /** Mutation attempts per call before giving up and returning the last one. Default 10. */
  readonly maxTries?: number;
}

/**
 * Wraps a space so that `mutate` retries until the child's structural key differs from the
 * parent's (AutoNumerics-Zero: a mutation that changes nothing wastes an evaluation). After
 * `maxTries` attempts it returns the last one, changed or not. Every other method is the
 * wrapped space's own.
 *
 * @example
 * const changing = retryUntilChanged(space, { maxTries: 20 });
 * const algorithm = regularizedEvolution({ space: changing, populationSize: 100, tournamentSize: 10 });
 */
export function retryUntilChanged<G>(space: Space<G>, options: RetryUntilChangedOptions = {}): Space<G> {
  const inner = requireSpace('retryUntilChanged', space);
  const maxTries = wholeNumber('retryUntilChanged', 'maxTries', options.maxTries ?? 10, 1);
  const mutate = (g: G, rng: Rng): G => {
    const parentKey = inner.key(g);
    let child = inner.mutate(g, rng);
    for (let tries = 1; tries < maxTries && inner.key(child) === parentKey; tries++) child = inner.mutate(g, rng);
    return child;
  };
  const wrapped: Space<G> = {
    random: (rng) => inner.random(rng),
    mutate,
    key: (g) => inner.key(g),
    toJSON: (g) => inner.toJSON(g),
    fromJSON: (json) => inner.fromJSON(json),
  };
  const crossover = inner.crossover;
  if (crossover !== undefined) wrapped.crossover = (a, b, rng) => crossover.call(inner, a, b, rng);
  return wrapped;
}
