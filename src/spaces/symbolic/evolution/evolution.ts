import { SpaceError, UsageError } from '../../../core/errors.ts';
import { Rng } from '../../../core/rng.ts';
import type { Algorithm, Json, Trial } from '../../../core/types.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { DNA } from '../dna/dna.ts';
import type { Template } from '../dna/template.ts';
import type { Individual, Operator, OperatorContext } from './operator.ts';

/** Options of `evolution`. */
export interface EvolutionOptions {
  /** Proposals made uniformly at random first: the initial population. */
  readonly init: number;
  /** Makes children from the population; they are proposed in order, then it runs again. */
  readonly reproduce: Operator;
  /** Given the population with the newest member last, returns the population to keep. */
  readonly update: Operator;
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
}

/** An evolution algorithm over DNA, whose population can be inspected. */
export interface Evolution extends Algorithm<DNA> {
  /** The population, as `update` left it. */
  population(): readonly Individual[];
}

/**
 * PyGlove-style evolution as a core `Algorithm<DNA>`: `init` random proposals, then the
 * children of `reproduce(population)`; each finished trial (failed ones too, with infinite
 * loss) joins the population, which `update` then trims. Steady state: proposals and
 * feedback may interleave in any order.
 */
export function evolution(space: Template<unknown>, options: EvolutionOptions): Evolution {
  if (typeof space?.random !== 'function' || space.spec === undefined) throw new UsageError('evolution: space must be a template (template(space))');
  const init = wholeNumber('evolution', 'init', options.init, 0);
  if (typeof options.reproduce !== 'function' || typeof options.update !== 'function') {
    throw new UsageError('evolution: reproduce and update must be operators (functions)');
  }
  const search = new OperatorEvolution(space, init, options.reproduce, options.update);
  if (options.snapshot !== undefined) search.restore(options.snapshot);
  return search;
}

class OperatorEvolution implements Evolution {
  private members: readonly Individual[] = [];
  private queue: Individual[] = [];
  private next = 0;
  private proposals = 0;
  private ctx: OperatorContext;

  constructor(
    private readonly space: Template<unknown>,
    private readonly init: number,
    private readonly reproduce: Operator,
    private readonly update: Operator,
  ) {
    this.ctx = { spec: space.spec, rng: new Rng(0) };
  }

  propose(rng: Rng): DNA {
    if (this.ctx.rng !== rng) this.ctx = { spec: this.space.spec, rng };
    this.proposals++;
    if (this.proposals <= this.init || this.members.length === 0) return this.space.random(rng);
    if (this.next >= this.queue.length) {
      this.queue = this.reproduce(this.members, this.ctx).slice();
      this.next = 0;
      if (this.queue.length === 0) return this.space.random(rng);
    }
    return this.queue[this.next++]!.dna;
  }

  feedback(trial: Trial<DNA>): void {
    const grown = this.members.slice();
    grown.push({ dna: trial.genotype, loss: trial.loss });
    this.members = this.update(grown, this.ctx);
  }

  population(): readonly Individual[] {
    return this.members;
  }

  snapshot(): Json {
    const write = (ind: Individual): Json => ({
      dna: ind.dna.toJSON(),
      loss: ind.loss === undefined ? null : ind.loss.map((v) => (Number.isFinite(v) ? v : null)),
    });
    return {
      algorithm: 'evolution',
      version: 1,
      proposals: this.proposals,
      population: this.members.map(write),
      queue: this.queue.slice(this.next).map(write),
    };
  }

  /** Replaces the state with a snapshot's; throws a SpaceError naming the first bad part. */
  restore(json: Json): void {
    const state = json as { algorithm?: unknown; proposals?: unknown; population?: unknown; queue?: unknown };
    if (typeof state !== 'object' || state === null || state.algorithm !== 'evolution') throw new SpaceError('evolution snapshot: not an evolution snapshot');
    if (!Number.isInteger(state.proposals) || (state.proposals as number) < 0) throw new SpaceError('evolution snapshot: proposals must be a whole number');
    const read = (list: unknown, name: string): Individual[] => {
      if (!Array.isArray(list)) throw new SpaceError(`evolution snapshot: ${name} must be an array`);
      return list.map((item: { dna?: unknown; loss?: unknown }) => {
        const loss = item?.loss;
        if (loss !== null && !(Array.isArray(loss) && loss.every((v) => v === null || typeof v === 'number'))) {
          throw new SpaceError(`evolution snapshot: ${name} losses must be arrays of numbers (null for infinite)`);
        }
        return { dna: this.space.fromJSON(item?.dna), loss: loss === null ? undefined : loss.map((v: number | null) => v ?? Infinity) };
      });
    };
    this.proposals = state.proposals as number;
    this.members = read(state.population, 'population');
    this.queue = read(state.queue, 'queue');
    this.next = 0;
  }
}
