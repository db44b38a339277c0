import { UsageError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../core/types.ts';
import { fitnessFunction } from './objective.ts';
import type { SingleObjective } from './objective.ts';
import { SnapshotReader, memberToJson, snapshotJson } from './snapshot-json.ts';
import type { Member } from './snapshot-json.ts';
import { tournamentIndex } from './tournament.ts';
import { makeChild } from './variation.ts';
import type { PopulationSettings } from './variation.ts';
import { flag, wholeNumber } from '../core/options.ts';
import { crossoverProbability, initialPrograms, requireSpace } from './validate.ts';

const OWNER = 'regularizedEvolution';
const NAME = 'regularized-evolution';

/** Options of `regularizedEvolution`. */
export interface RegularizedEvolutionOptions<G> {
  readonly space: Space<G>;
  /** P: members kept; the oldest leaves once a newer trial would make it P + 1. */
  readonly populationSize: number;
  /** S: members sampled per tournament (at most P). */
  readonly tournamentSize: number;
  /** Sample tournament members independently instead of distinct ones. Default false. */
  readonly withReplacement?: boolean;
  /** Programs proposed first, before random ones fill the first P proposals (at most P). */
  readonly initial?: readonly G[];
  /** Which loss to minimise: an index (default 0) or a function of the loss vector. */
  readonly objective?: SingleObjective;
  /** Chance that a child is the crossover of two tournament winners before mutation. Default 0. */
  readonly crossoverProbability?: number;
  /** A `snapshot()` to resume from; it replaces `initial`. */
  readonly snapshot?: Json;
}

/** A population member with its fitness (the chosen objective's loss). */
export interface PopulationMember<G> extends Member<G> {
  readonly fitness: number;
}

/** Regularized (aging) evolution, whose population can be inspected. */
export interface RegularizedEvolution<G> extends Algorithm<G> {
  /** The current population, oldest first. */
  population(): readonly PopulationMember<G>[];
}

/**
 * Regularized (aging) evolution (Real et al. 2019): the first P proposals are the initial
 * programs then random ones; after that each proposal mutates the winner of a tournament of
 * S members. Every finished trial, failed ones included, joins the population and the oldest
 * member leaves once there are more than P, so the search keeps renewing itself. Steady
 * state: proposals and feedback may interleave in any order.
 *
 * @example
 * const algorithm = regularizedEvolution({ space, populationSize: 100, tournamentSize: 10 });
 * await new Study({ space, task, algorithm, seed: 1, budgetTrials: 5000 }).run();
 */
export function regularizedEvolution<G>(options: RegularizedEvolutionOptions<G>): RegularizedEvolution<G> {
  const space = requireSpace(OWNER, options.space);
  const populationSize = wholeNumber(OWNER, 'populationSize', options.populationSize, 1);
  const tournamentSize = wholeNumber(OWNER, 'tournamentSize', options.tournamentSize, 1);
  if (tournamentSize > populationSize) {
    throw new UsageError(`${OWNER}: tournamentSize must be <= populationSize, got ${tournamentSize} > ${populationSize}`);
  }
  const settings: Settings<G> = {
    space,
    populationSize,
    tournamentSize,
    withReplacement: flag(OWNER, 'withReplacement', options.withReplacement ?? false),
    fitness: fitnessFunction(OWNER, options.objective),
    crossoverProbability: crossoverProbability(OWNER, space, options.crossoverProbability ?? 0),
  };
  const initial = initialPrograms(OWNER, options.initial, populationSize);
  const search = new AgingEvolution(settings, initial);
  if (options.snapshot !== undefined) search.restore(options.snapshot);
  return search;
}

interface Settings<G> extends PopulationSettings<G> {
  readonly tournamentSize: number;
  readonly withReplacement: boolean;
  readonly fitness: (loss: readonly number[]) => number;
}

class AgingEvolution<G> implements RegularizedEvolution<G> {
  /**
   * The population as a ring buffer of at most P members: `ring[oldest]` is the oldest and
   * the member before it (cyclically) the youngest, so the oldest leaves in O(1).
   */
  private ring: PopulationMember<G>[] = [];
  private oldest = 0;
  private proposals = 0;
  /** Fitness of the member at age position a (0 the oldest), for tournaments. */
  private readonly pickParent = (rng: Rng): G => this.tournament(rng);
  private readonly fitnessByAge = (a: number): number => (this.ring[(this.oldest + a) % this.ring.length] as PopulationMember<G>).fitness;

  constructor(
    private readonly settings: Settings<G>,
    private pendingInitial: G[],
  ) {}

  propose(rng: Rng): G {
    const { space, populationSize, crossoverProbability } = this.settings;
    this.proposals++;
    if (this.pendingInitial.length > 0) return this.pendingInitial.shift() as G;
    // Until P programs were proposed, or while nothing has come back yet, explore at random.
    if (this.proposals <= populationSize || this.ring.length === 0) return space.random(rng);
    return makeChild(space, crossoverProbability, this.tournament(rng), this.pickParent, rng);
  }

  feedback(trial: Trial<G>): void {
    const member = { genotype: trial.genotype, loss: trial.loss, fitness: this.settings.fitness(trial.loss) };
    if (this.ring.length < this.settings.populationSize) {
      this.ring.push(member);
    } else {
      this.ring[this.oldest] = member;
      this.oldest = (this.oldest + 1) % this.ring.length;
    }
  }

  population(): readonly PopulationMember<G>[] {
    return this.oldest === 0 ? this.ring.slice() : [...this.ring.slice(this.oldest), ...this.ring.slice(0, this.oldest)];
  }

  snapshot(): Json {
    const { space } = this.settings;
    return snapshotJson(NAME, {
      proposals: this.proposals,
      pendingInitial: this.pendingInitial.map((g) => space.toJSON(g)),
      population: this.population().map((m) => memberToJson(space, m)),
    });
  }

  /** Replaces the whole state with the one a snapshot recorded. */
  restore(json: Json): void {
    const { space, populationSize, fitness } = this.settings;
    const reader = new SnapshotReader(OWNER, json, NAME);
    const members = reader.members('population', space, { atMost: populationSize, limit: 'populationSize' });
    this.proposals = reader.count('proposals');
    this.pendingInitial = reader.genotypes('pendingInitial', space);
    this.ring = members.map((m) => ({ ...m, fitness: fitness(m.loss) }));
    this.oldest = 0;
  }

  /** The genotype of a tournament's winner; ties go to the younger member. */
  private tournament(rng: Rng): G {
    const { tournamentSize, withReplacement } = this.settings;
    const age = tournamentIndex(this.ring.length, tournamentSize, withReplacement, rng, this.fitnessByAge);
    return (this.ring[(this.oldest + age) % this.ring.length] as PopulationMember<G>).genotype;
  }
}
