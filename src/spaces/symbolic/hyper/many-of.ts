import { UsageError } from '../../../core/errors.ts';
import { wholeNumber } from '../../../core/options.ts';
import { ChoiceDecision } from '../dna/choice-decision.ts';
import { ChoiceGroup } from '../dna/choice-group.ts';
import { ManyOfNode } from '../dna/choice-nodes.ts';
import type { Location, NodeBuilder, SpecNode } from '../dna/spec-node.ts';
import { joinPath } from '../object/key-path.ts';
import { describeValue } from '../object/plain.ts';
import { Hyper } from './hyper.ts';
import type { Infer } from './hyper.ts';
import { readCandidates, readName } from './options.ts';
import type { HyperOptions } from './options.ts';

/** Options of `manyOf`. */
export interface ManyOfOptions extends HyperOptions {
  /** No candidate twice. Default true. */
  readonly distinct?: boolean;
  /** Chosen candidates in candidate order. Default false. */
  readonly sorted?: boolean;
}

/** A choice of k candidates (a list); each slot's candidate may hold further choices. */
export class ManyOf<T> extends Hyper<Infer<T>[]> {
  constructor(
    readonly k: number,
    readonly candidates: readonly T[],
    readonly distinct: boolean,
    readonly sorted: boolean,
    readonly name: string | undefined,
    /** Made by `permutate`: kept so JSON says so. */
    readonly permutation = false,
  ) {
    super();
  }

  toNode(builder: NodeBuilder, at: Location): SpecNode {
    const labels = this.candidates.map(describeValue);
    const group = new ChoiceGroup(at.id, at.path, this.name, this.k, this.candidates.length, this.distinct, this.sorted);
    group.start = builder.nextSlot;
    const slotCandidates: SpecNode[][] = [];
    for (let j = 0; j < this.k; j++) {
      const slotAt: Location = { path: joinPath(at.path, j), id: joinPath(at.id, j), parent: at.parent, parentCandidate: at.parentCandidate };
      const decision = builder.addDecision(new ChoiceDecision(builder.nextSlot, slotAt, this.name, labels, group, j));
      group.slots.push(decision);
      decision.candidates = this.candidates.map((candidate, c) =>
        builder.node(candidate, { path: slotAt.path, id: `${slotAt.id}[=${c}]`, parent: decision, parentCandidate: c }),
      );
      slotCandidates.push(decision.candidates.slice());
      if (j === 0) group.blockWidth = builder.nextSlot - group.start;
    }
    builder.addGroup(group);
    return new ManyOfNode(group, slotCandidates, at.path);
  }

  toJSON(): { readonly _type: string; readonly [key: string]: unknown } {
    const name = this.name === undefined ? {} : { name: this.name };
    if (this.permutation) return { _type: 'hyper.permutate', items: this.candidates, ...name };
    return { _type: 'hyper.manyOf', k: this.k, candidates: this.candidates, distinct: this.distinct, sorted: this.sorted, ...name };
  }

  describe(): string {
    return this.permutation ? `permutate(${this.k})` : `manyOf(${this.k}, ${this.candidates.length})`;
  }
}

/**
 * k of `candidates`, as a list: distinct by default, in any order unless `sorted`.
 * `manyOf(2, ['a', 'b', 'c'])` decodes to `string[]` of length 2.
 */
export function manyOf<T>(k: number, candidates: readonly T[], options: ManyOfOptions = {}): ManyOf<T> {
  const name = readName('manyOf', options);
  const items = readCandidates('manyOf', candidates);
  const distinct = options.distinct ?? true;
  const sorted = options.sorted ?? false;
  if (typeof distinct !== 'boolean' || typeof sorted !== 'boolean') throw new UsageError('manyOf: distinct and sorted must be true or false');
  wholeNumber('manyOf', 'k', k, 1);
  if (distinct && k > items.length) {
    throw new UsageError(`manyOf: k must be <= the number of candidates when distinct, got ${k} > ${items.length}`);
  }
  return new ManyOf(k, items, distinct, sorted, name);
}
