import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../core/types.ts';
import { fitnessFunction } from './objective.ts';
import type { SingleObjective } from './objective.ts';
import { SnapshotReader, memberToJson, snapshotJson } from './snapshot-json.ts';
import type { Member } from './snapshot-json.ts';
import { flag } from '../core/options.ts';
import { initialPrograms, requireSpace } from './validate.ts';

const OWNER = 'hillClimbing';
const NAME = 'hill-climbing';

/** Options of `hillClimbing`. */
export interface HillClimbingOptions<G> {
  readonly space: Space<G>;
  /** Programs proposed first; until a trial comes back, the rest are random. */
  readonly initial?: readonly G[];
  /** Which loss to minimise: an index (default 0) or a function of the loss vector. */
  readonly objective?: SingleObjective;
  /** Move to a child as good as the incumbent, so plateaus can be crossed. Default true. */
  readonly acceptEqual?: boolean;
  /** A `snapshot()` to resume from; it replaces `initial`. */
  readonly snapshot?: Json;
}

/** Hill climbing, whose incumbent can be inspected. */
export interface HillClimbing<G> extends Algorithm<G> {
  /** The best member so far, or undefined before the first trial comes back. */
  incumbent(): (Member<G> & { readonly fitness: number }) | undefined;
}

/**
 * Stochastic hill climbing: keeps the best trial seen (the incumbent) and proposes
 * mutations of it; a finished trial replaces the incumbent when it is better (or as good,
 * with `acceptEqual`). Before any trial has come back it proposes the initial programs,
 * then random ones.
 *
 * @example
 * const algorithm = hillClimbing({ space, initial: [startProgram] });
 */
export function hillClimbing<G>(options: HillClimbingOptions<G>): HillClimbing<G> {
  const space = requireSpace(OWNER, options.space);
  const fitness = fitnessFunction(OWNER, options.objective);
  const acceptEqual = flag(OWNER, 'acceptEqual', options.acceptEqual ?? true);
  const search = new HillClimber(space, fitness, acceptEqual, initialPrograms(OWNER, options.initial, Infinity));
  if (options.snapshot !== undefined) search.restore(options.snapshot);
  return search;
}

class HillClimber<G> implements HillClimbing<G> {
  private best: (Member<G> & { readonly fitness: number }) | undefined = undefined;

  constructor(
    private readonly space: Space<G>,
    private readonly fitness: (loss: readonly number[]) => number,
    private readonly acceptEqual: boolean,
    private pendingInitial: G[],
  ) {}

  propose(rng: Rng): G {
    if (this.pendingInitial.length > 0) return this.pendingInitial.shift() as G;
    return this.best === undefined ? this.space.random(rng) : this.space.mutate(this.best.genotype, rng);
  }

  feedback(trial: Trial<G>): void {
    const fitness = this.fitness(trial.loss);
    const best = this.best;
    if (best === undefined || fitness < best.fitness || (this.acceptEqual && fitness === best.fitness)) {
      this.best = { genotype: trial.genotype, loss: trial.loss, fitness };
    }
  }

  incumbent(): (Member<G> & { readonly fitness: number }) | undefined {
    return this.best;
  }

  snapshot(): Json {
    return snapshotJson(NAME, {
      pendingInitial: this.pendingInitial.map((g) => this.space.toJSON(g)),
      best: this.best === undefined ? null : memberToJson(this.space, this.best),
    });
  }

  /** Replaces the whole state with the one a snapshot recorded. */
  restore(json: Json): void {
    const reader = new SnapshotReader(OWNER, json, NAME);
    this.pendingInitial = reader.genotypes('pendingInitial', this.space);
    const best = reader.optionalMember('best', this.space);
    this.best = best && { ...best, fitness: this.fitness(best.loss) };
  }
}
