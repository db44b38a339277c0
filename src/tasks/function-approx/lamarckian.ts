import type { Algorithm, Trial } from '../../core/types.ts';
import { withConstants } from '../../spaces/graph/constants.ts';
import type { Graph } from '../../spaces/graph/graph.ts';

/**
 * Wraps an algorithm over graph programs so that it learns from each program with the
 * constants its evaluation fitted (Lamarckian inheritance, as in AutoNumerics-Zero): a trial
 * whose `info.constants` lists them reaches `inner` with those constants written into its
 * genotype, so its children start from the fitted values. The fitted constants travel in the
 * trial's result, so this holds wherever the evaluation ran (a worker thread, another
 * machine) and when a stored study is replayed. Everything else is `inner`'s own.
 *
 * @example
 * const algorithm = lamarckian(nsga2({ space, populationSize: 64, crossoverProbability: 0 }));
 */
export function lamarckian(inner: Algorithm<Graph>): Algorithm<Graph> {
  return {
    propose: (rng) => inner.propose(rng),
    feedback: (trial) => inner.feedback(withFittedConstants(trial)),
    snapshot: () => inner.snapshot(),
  };
}

/** `trial` with the constants its evaluation fitted in its genotype; unchanged when it has none. */
export function withFittedConstants(trial: Trial<Graph>): Trial<Graph> {
  const constants = trial.info?.['constants'];
  if (!Array.isArray(constants)) return trial;
  return { ...trial, genotype: withConstants(trial.genotype, constants as number[]) };
}
