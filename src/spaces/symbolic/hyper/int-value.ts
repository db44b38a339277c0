import { UsageError } from '../../../core/errors.ts';
import { NumberDecision } from '../dna/number-decision.ts';
import { NumberNode } from '../dna/number-node.ts';
import type { Location, NodeBuilder, SpecNode } from '../dna/spec-node.ts';
import { Hyper } from './hyper.ts';
import { readName } from './options.ts';
import type { HyperOptions } from './options.ts';

/** An integer in [min, max]. */
export class IntValue extends Hyper<number> {
  constructor(
    readonly min: number,
    readonly max: number,
    readonly name: string | undefined,
  ) {
    super();
  }

  toNode(builder: NodeBuilder, at: Location): SpecNode {
    const decision = builder.addDecision(new NumberDecision(builder.nextSlot, at, this.name, 'int', this.min, this.max, 'linear'));
    return new NumberNode(decision, at.path);
  }

  toJSON(): { readonly _type: string; readonly [key: string]: unknown } {
    return { _type: 'hyper.intValue', min: this.min, max: this.max, ...(this.name === undefined ? {} : { name: this.name }) };
  }

  describe(): string {
    return `intValue(${this.min}, ${this.max})`;
  }
}

/** An integer in [min, max], both inclusive, sampled uniformly. */
export function intValue(min: number, max: number, options?: HyperOptions): IntValue {
  const name = readName('intValue', options);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new UsageError(`intValue: min and max must be whole numbers with min <= max, got ${min} and ${max}`);
  }
  return new IntValue(min, max, name);
}
