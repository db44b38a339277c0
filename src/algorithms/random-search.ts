import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../core/types.ts';
import { SnapshotReader } from './snapshot-json.ts';
import { requireSpace } from './validate.ts';

const OWNER = 'randomSearch';
const NAME = 'random-search';

/** Options of `randomSearch`. */
export interface RandomSearchOptions<G> {
  readonly space: Space<G>;
  /** A `snapshot()` to resume from (random search keeps no state, so it is only checked). */
  readonly snapshot?: Json;
}

/**
 * Random search: every proposal is a fresh `space.random` draw and feedback is ignored.
 * The baseline every other algorithm should beat.
 *
 * @example
 * await new Study({ space, task, algorithm: randomSearch({ space }), budgetTrials: 1000 }).run();
 */
export function randomSearch<G>(options: RandomSearchOptions<G>): Algorithm<G> {
  const space = requireSpace(OWNER, options.space);
  if (options.snapshot !== undefined) new SnapshotReader(OWNER, options.snapshot, NAME);
  return new RandomSearch(space);
}

class RandomSearch<G> implements Algorithm<G> {
  constructor(private readonly space: Space<G>) {}

  propose(rng: Rng): G {
    return this.space.random(rng);
  }

  feedback(_trial: Trial<G>): void {}

  snapshot(): Json {
    return { algorithm: NAME, version: 1 };
  }
}
