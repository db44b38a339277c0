import { SpaceError, UsageError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import type { Json, Space } from '../../../core/types.ts';
import type { Infer } from './infer.ts';
import { SpecBuilder } from './builder.ts';
import { DNA } from './dna.ts';
import { assembleChild, mutateAnySite } from './dna-ops.ts';
import { DNASpec } from './dna-spec.ts';

const ANY_PARENT = (): number => -1;

/**
 * A search space compiled once: its DNA spec, `decode`/`encode` between DNA and values, and
 * the core `Space<DNA>` methods, so every core algorithm runs over it. `decode` is typed from
 * the space: `template({ a: oneOf([1, 'x']) }).decode(dna)` is `{ a: number | string }`.
 */
export class Template<S> implements Space<DNA> {
  readonly spec: DNASpec;

  constructor(readonly space: S) {
    const builder = new SpecBuilder();
    const root = builder.node(space, { path: '', id: '', parent: undefined, parentCandidate: -1 });
    this.spec = new DNASpec(builder.decisions, builder.groups, root);
  }

  /** Number of distinct DNAs (and so of values); Infinity when a float decision is reachable. */
  get cardinality(): number {
    return this.spec.cardinality;
  }

  /** The value a DNA stands for: fresh plain containers, checked symbolic instances. */
  decode(dna: DNA): Infer<S> {
    return this.spec.root.decode(dna.values) as Infer<S>;
  }

  /** The DNA that decodes to `value`; throws a SpaceError naming where the value leaves the space. */
  encode(value: Infer<S>): DNA {
    const values = new Float64Array(this.spec.size).fill(NaN);
    const problem = this.spec.root.encode(value, values);
    if (problem !== undefined) throw new SpaceError(`cannot encode the value: ${problem}`);
    return new DNA(values);
  }

  /** A uniformly random DNA: each choice picks a candidate uniformly, each number from its range. */
  random(rng: Rng): DNA {
    const values = new Float64Array(this.spec.size).fill(NaN);
    this.spec.root.sample(values, rng);
    return new DNA(values);
  }

  /**
   * A copy with one mutation site changed, chosen uniformly: an active decision takes another
   * value (a changed choice re-samples the branch it opens), or a permutation swaps two of
   * its items. A space with nothing to change returns an equal copy.
   */
  mutate(dna: DNA, rng: Rng): DNA {
    const values = dna.values.slice();
    mutateAnySite(this.spec, values, rng);
    return new DNA(values);
  }

  /** Uniform crossover: each active decision from either parent where it is active there. */
  crossover(a: DNA, b: DNA, rng: Rng): DNA {
    return new DNA(assembleChild(this.spec, [a.values, b.values], ANY_PARENT, rng));
  }

  /** The active values joined by commas: equal exactly for equal DNAs. */
  key(dna: DNA): string {
    let key = '';
    const values = dna.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === v) key += key === '' ? String(v) : `,${v}`;
    }
    return key;
  }

  /** The active values in slot order. */
  toJSON(dna: DNA): Json {
    return dna.toJSON();
  }

  /** Reads `toJSON`'s form back, checking every value against its decision. */
  fromJSON(json: unknown): DNA {
    return this.spec.fromNumbers(json as readonly unknown[]);
  }

  /** Every DNA of a finite space, once each, in lexicographic slot order; a UsageError for an infinite one. */
  *sweep(): Generator<DNA, void, undefined> {
    if (!Number.isFinite(this.cardinality)) throw new UsageError('cannot sweep the space: it has a float decision, so it is infinite');
    const values = new Float64Array(this.spec.size).fill(NaN);
    for (const _ of this.spec.root.enumerate(values)) yield new DNA(values.slice());
  }
}

/**
 * Compiles a search space (hyper values nested in plain objects, arrays and symbolic class
 * spaces) into a template with its DNA spec.
 */
export function template<S>(space: S): Template<S> {
  return new Template(space);
}
