import { UsageError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import { wholeNumber } from '../../../core/options.ts';
import { DNA } from '../dna/dna.ts';
import { assembleChild } from '../dna/dna-ops.ts';
import type { DNASpec } from '../dna/dna-spec.ts';
import type { Individual, Operator } from './operator.ts';

/** Options every recombinator takes. */
export interface RecombinatorOptions {
  /** Children made per call, each independently. Default 1. */
  readonly children?: number;
}

/** Runs `makeChild` `children` times; one parent gives its copy, none gives nothing. */
function recombinator(owner: string, options: RecombinatorOptions, makeChild: (parents: Float64Array[], spec: DNASpec, rng: Rng) => Float64Array): Operator {
  const children = wholeNumber(owner, 'children', options.children ?? 1, 1);
  return (individuals, { spec, rng }) => {
    if (individuals.length === 0) return [];
    const parents = individuals.map((ind) => ind.dna.values);
    const out: Individual[] = [];
    for (let c = 0; c < children; c++) {
      const values = parents.length === 1 ? parents[0]!.slice() : makeChild(parents, spec, rng);
      out.push({ dna: new DNA(values), loss: undefined });
    }
    return out;
  };
}

const ANY_PARENT = (): number => -1;

/**
 * Uniform crossover over any number of parents: each active decision of the child comes
 * from a parent picked uniformly among those where it is active (a constrained manyOf comes
 * whole from one parent); a decision no parent has is sampled.
 */
export function recombineUniform(options: RecombinatorOptions = {}): Operator {
  return recombinator('recombineUniform', options, (parents, spec, rng) => assembleChild(spec, parents, ANY_PARENT, rng));
}

/** Options of `recombineSegmented`. */
export interface SegmentedOptions extends RecombinatorOptions {
  /** Slots where the source parent changes: fixed, or drawn per child. */
  readonly cuts: readonly number[] | ((spec: DNASpec, rng: Rng) => readonly number[]);
}

/**
 * Segmented crossover: the slots are cut at `cuts` into segments, and segment s comes from
 * parent s mod (number of parents); where that parent lacks a decision, another parent's
 * (or a sampled) value stands in, so the child is always valid.
 */
export function recombineSegmented(options: SegmentedOptions): Operator {
  const cuts = options.cuts;
  if (!Array.isArray(cuts) && typeof cuts !== 'function') throw new UsageError('recombineSegmented: cuts must be an array of slots or a function');
  if (Array.isArray(cuts) && cuts.some((c) => !Number.isInteger(c) || c < 0)) throw new UsageError('recombineSegmented: cuts must be whole numbers >= 0');
  return recombinator('recombineSegmented', options, (parents, spec, rng) => {
    const points = [...(typeof cuts === 'function' ? cuts(spec, rng) : cuts)].sort((a, b) => a - b);
    const owner = new SegmentOwner(points, parents.length);
    return assembleChild(spec, parents, (slot) => owner.of(slot), rng);
  });
}

/** Options of `recombineKPoint`. */
export interface KPointOptions extends RecombinatorOptions {
  /** Number of cut points. Default 1. */
  readonly k?: number;
}

/** k-point crossover: segmented crossover at k distinct random slots in [1, size). */
export function recombineKPoint(options: KPointOptions = {}): Operator {
  const k = wholeNumber('recombineKPoint', 'k', options.k ?? 1, 1);
  const cuts = (spec: DNASpec, rng: Rng) => {
    const slots = spec.size - 1;
    if (slots <= 0) return [];
    const picked: number[] = [];
    for (let j = slots - Math.min(k, slots); j < slots; j++) {
      const t = 1 + rng.int(j + 1);
      picked.push(picked.includes(t) ? j + 1 : t);
    }
    return picked;
  };
  return recombineSegmented({ ...options, cuts });
}

/** Which parent owns each slot: segment s (between cuts) belongs to parent s mod parents; asked in slot order. */
class SegmentOwner {
  private segment = 0;

  constructor(
    private readonly points: readonly number[],
    private readonly parents: number,
  ) {}

  of(slot: number): number {
    while (this.segment < this.points.length && this.points[this.segment]! <= slot) this.segment++;
    return this.segment % this.parents;
  }
}
