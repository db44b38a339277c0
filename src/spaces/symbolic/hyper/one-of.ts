import { ChoiceDecision } from '../dna/choice-decision.ts';
import { OneOfNode } from '../dna/choice-nodes.ts';
import type { Location, NodeBuilder, SpecNode } from '../dna/spec-node.ts';
import { describeValue } from '../object/plain.ts';
import { Hyper } from './hyper.ts';
import type { Infer } from './hyper.ts';
import { readCandidates, readName } from './options.ts';
import type { HyperOptions } from './options.ts';

/** A choice of one candidate; candidates may hold further choices (a conditional space). */
export class OneOf<T> extends Hyper<Infer<T>> {
  constructor(
    readonly candidates: readonly T[],
    readonly name: string | undefined,
  ) {
    super();
  }

  toNode(builder: NodeBuilder, at: Location): SpecNode {
    const labels = this.candidates.map(describeValue);
    const decision = builder.addDecision(new ChoiceDecision(builder.nextSlot, at, this.name, labels));
    decision.candidates = this.candidates.map((candidate, c) =>
      builder.node(candidate, { path: at.path, id: `${at.id}[=${c}]`, parent: decision, parentCandidate: c }),
    );
    return new OneOfNode(decision, decision.candidates, at.path);
  }

  toJSON(): { readonly _type: string; readonly [key: string]: unknown } {
    return { _type: 'hyper.oneOf', candidates: this.candidates, ...(this.name === undefined ? {} : { name: this.name }) };
  }

  describe(): string {
    return `oneOf(${this.candidates.length})`;
  }
}

/**
 * One of `candidates`. `oneOf([1, 'a'])` decodes to `number | string`; write
 * `oneOf(['relu', 'gelu'] as const)` to keep the literal types.
 */
export function oneOf<T>(candidates: readonly T[], options?: HyperOptions): OneOf<T> {
  return new OneOf(readCandidates('oneOf', candidates), readName('oneOf', options));
}
