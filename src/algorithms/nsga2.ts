import { UsageError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../core/types.ts';
import { environmentalSelection, rankAndCrowding } from './nsga2-selection.ts';
import { SnapshotReader, memberToJson, snapshotJson } from './snapshot-json.ts';
import { makeChild } from './variation.ts';
import type { PopulationSettings } from './variation.ts';
import type { Member } from './snapshot-json.ts';
import { flag, wholeNumber } from '../core/options.ts';
import { crossoverProbability, initialPrograms, requireSpace } from './validate.ts';

const OWNER = 'nsga2';
const NAME = 'nsga2';

/** Options of `nsga2`. */
export interface Nsga2Options<G> {
  readonly space: Space<G>;
  /** N: parents kept after each environmental selection. */
  readonly populationSize: number;
  /** Finished offspring that make one generation. Default N. */
  readonly offspringSize?: number;
  /** Select survivors from parents + offspring (true, default) or from offspring alone. */
  readonly elitism?: boolean;
  /** Chance a child is a crossover of two parents before mutation. Default 0.9 when the space can cross over, else 0. */
  readonly crossoverProbability?: number;
  /** Programs proposed first in the initial generation (at most N). */
  readonly initial?: readonly G[];
  /** A `snapshot()` to resume from; it replaces `initial`. */
  readonly snapshot?: Json;
}

/** A parent with its NSGA-II rank (front index, 0 best) and crowding distance. */
export interface RankedMember<G> extends Member<G> {
  readonly rank: number;
  readonly crowding: number;
}

/** NSGA-II, whose parents and generation count can be inspected. */
export interface Nsga2<G> extends Algorithm<G> {
  /** The current parents; empty until the initial generation has come back. */
  parents(): readonly RankedMember<G>[];
  /** Environmental selections done so far (1 after the initial generation). */
  generation(): number;
}

/**
 * NSGA-II (Deb et al. 2002) over any number of losses. The initial generation is N random
 * programs (the initial ones first); afterwards each proposal is the child of binary
 * tournaments on (rank, crowding) among the parents, crossed over with
 * `crossoverProbability` and always mutated. Finished trials collect as offspring; once
 * `offspringSize` of them are back, environmental selection picks the next N parents.
 * Proposals made while a generation is still out come from the current parents, and their
 * trials count towards the next generation, so the algorithm runs steady state.
 *
 * @example
 * const algorithm = nsga2({ space, populationSize: 50 });
 * await new Study({ space, task: twoObjectiveTask, algorithm, budgetTrials: 2000 }).run();
 * algorithm.parents().filter((p) => p.rank === 0); // the current Pareto front
 */
export function nsga2<G>(options: Nsga2Options<G>): Nsga2<G> {
  const space = requireSpace(OWNER, options.space);
  const populationSize = wholeNumber(OWNER, 'populationSize', options.populationSize, 1);
  const offspringSize = wholeNumber(OWNER, 'offspringSize', options.offspringSize ?? populationSize, 1);
  const elitism = flag(OWNER, 'elitism', options.elitism ?? true);
  if (!elitism && offspringSize < populationSize) {
    throw new UsageError(`${OWNER}: offspringSize must be >= populationSize without elitism, got ${offspringSize} < ${populationSize}`);
  }
  const settings: Settings<G> = {
    space,
    populationSize,
    offspringSize,
    elitism,
    crossoverProbability: crossoverProbability(OWNER, space, options.crossoverProbability ?? (space.crossover === undefined ? 0 : 0.9)),
  };
  const search = new Nsga2Search(settings, initialPrograms(OWNER, options.initial, populationSize));
  if (options.snapshot !== undefined) search.restore(options.snapshot);
  return search;
}

interface Settings<G> extends PopulationSettings<G> {
  readonly offspringSize: number;
  readonly elitism: boolean;
}

class Nsga2Search<G> implements Nsga2<G> {
  private ranked: RankedMember<G>[] = [];
  private offspring: Member<G>[] = [];
  private generations = 0;
  private readonly pickParent = (rng: Rng): G => this.binaryTournament(rng).genotype;

  constructor(
    private readonly settings: Settings<G>,
    private pendingInitial: G[],
  ) {}

  propose(rng: Rng): G {
    const { space, crossoverProbability } = this.settings;
    if (this.pendingInitial.length > 0) return this.pendingInitial.shift() as G;
    if (this.ranked.length === 0) return space.random(rng);
    return makeChild(space, crossoverProbability, this.pickParent(rng), this.pickParent, rng);
  }

  feedback(trial: Trial<G>): void {
    this.offspring.push({ genotype: trial.genotype, loss: trial.loss });
    const needed = this.ranked.length === 0 ? this.settings.populationSize : this.settings.offspringSize;
    if (this.offspring.length >= needed) this.selectNextParents();
  }

  parents(): readonly RankedMember<G>[] {
    return this.ranked;
  }

  generation(): number {
    return this.generations;
  }

  snapshot(): Json {
    const { space } = this.settings;
    return snapshotJson(NAME, {
      generation: this.generations,
      pendingInitial: this.pendingInitial.map((g) => space.toJSON(g)),
      parents: this.ranked.map((m) => memberToJson(space, m)),
      offspring: this.offspring.map((m) => memberToJson(space, m)),
    });
  }

  /** Replaces the whole state with the one a snapshot recorded. */
  restore(json: Json): void {
    const { space, populationSize } = this.settings;
    const reader = new SnapshotReader(OWNER, json, NAME);
    const parents = reader.members('parents', space, { atMost: populationSize, limit: 'populationSize' });
    this.generations = reader.count('generation');
    this.pendingInitial = reader.genotypes('pendingInitial', space);
    this.offspring = reader.members('offspring', space);
    this.ranked = rank(parents);
  }

  /** Binary tournament on (rank, then crowding); ties go to the first drawn. */
  private binaryTournament(rng: Rng): RankedMember<G> {
    const a = this.ranked[rng.int(this.ranked.length)] as RankedMember<G>;
    const b = this.ranked[rng.int(this.ranked.length)] as RankedMember<G>;
    if (b.rank < a.rank || (b.rank === a.rank && b.crowding > a.crowding)) return b;
    return a;
  }

  private selectNextParents(): void {
    const pool = this.settings.elitism ? [...this.ranked, ...this.offspring] : this.offspring;
    const survivors = environmentalSelection(
      pool.map((m) => m.loss),
      this.settings.populationSize,
    ).map((i) => pool[i] as Member<G>);
    this.ranked = rank(survivors);
    this.offspring = [];
    this.generations++;
  }
}

/**
 * Ranks and crowding computed among the survivors themselves, so that a snapshot of the
 * parents alone restores them exactly.
 */
function rank<G>(members: readonly Member<G>[]): RankedMember<G>[] {
  const { rank: ranks, crowding } = rankAndCrowding(members.map((m) => m.loss));
  return members.map((m, i) => ({ genotype: m.genotype, loss: m.loss, rank: ranks[i] as number, crowding: crowding[i] as number }));
}
