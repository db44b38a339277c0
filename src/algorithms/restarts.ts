import { UsageError } from '../core/errors.ts';
import { wholeNumber } from '../core/options.ts';
import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Trial } from '../core/types.ts';
import { fitnessFunction, type SingleObjective } from './objective.ts';

/** Options of `withRestarts`. */
export interface RestartOptions {
  /** Start afresh after this many finished trials without a better fitness. */
  readonly patienceTrials: number;
  /** Which loss counts as progress: an index (default 0) or a function of the loss vector. */
  readonly objective?: SingleObjective;
  /** How much lower a fitness must be to count as progress (default 0: any improvement). */
  readonly minImprovement?: number;
  /** A `snapshot()` to resume from: the inner search is rebuilt with `start(inner snapshot)`. */
  readonly snapshot?: Json;
}

/** An algorithm that starts a fresh inner search whenever the current one stagnates. */
export interface RestartingAlgorithm<G> extends Algorithm<G> {
  /** How many times the inner search has been started afresh. */
  restarts(): number;
}

/**
 * Runs `start()` and replaces it with a new one after `patienceTrials` trials in a row that do
 * not beat its best fitness. Population methods converge on one basin (in symbolic regression,
 * often a smooth approximation such as exp(c·x) that is hard to leave); independent restarts
 * buy fresh basins. The study's own front keeps what earlier runs found.
 */
export function withRestarts<G>(start: (innerSnapshot?: Json) => Algorithm<G>, options: RestartOptions): RestartingAlgorithm<G> {
  const patience = wholeNumber('withRestarts', 'patienceTrials', options.patienceTrials, 1);
  const fitness = fitnessFunction('withRestarts', options.objective);
  const minImprovement = options.minImprovement ?? 0;
  if (!(minImprovement >= 0 && Number.isFinite(minImprovement))) throw new UsageError(`withRestarts: minImprovement must be a finite number >= 0, got ${minImprovement}`);
  let inner: Algorithm<G>;
  let best = Infinity;
  let sinceImprovement = 0;
  let restarts = 0;
  if (options.snapshot === undefined) inner = start();
  else {
    const saved = readSnapshot(options.snapshot);
    inner = start(saved.inner);
    ({ best, sinceImprovement, restarts } = saved);
  }
  return {
    propose: (rng: Rng) => inner.propose(rng),
    feedback(trial: Trial<G>) {
      inner.feedback(trial);
      const f = fitness(trial.loss);
      if (f < best - minImprovement) {
        best = f;
        sinceImprovement = 0;
      } else if (++sinceImprovement >= patience) {
        inner = start();
        best = Infinity;
        sinceImprovement = 0;
        restarts++;
      }
    },
    snapshot: (): Json => ({ algorithm: 'with-restarts', version: 1, inner: inner.snapshot(), best: Number.isFinite(best) ? best : 'Infinity', sinceImprovement, restarts }),
    restarts: () => restarts,
  };
}

/** The fields of a `withRestarts` snapshot, checked. */
function readSnapshot(json: Json): { inner: Json; best: number; sinceImprovement: number; restarts: number } {
  const fields = typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {};
  const { inner, best, sinceImprovement, restarts } = fields;
  const counts = [sinceImprovement, restarts].every((n) => Number.isInteger(n) && (n as number) >= 0);
  if (fields.algorithm !== 'with-restarts' || inner === undefined || !(typeof best === 'number' || best === 'Infinity') || !counts) {
    throw new UsageError(`withRestarts: not a withRestarts snapshot (expected { algorithm: 'with-restarts', inner, best, sinceImprovement, restarts }), got ${JSON.stringify(json).slice(0, 200)}`);
  }
  return { inner, best: best === 'Infinity' ? Infinity : best, sinceImprovement: sinceImprovement as number, restarts: restarts as number };
}
