import { UsageError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import { describeValue } from '../object/plain.ts';
import { showPath } from '../object/key-path.ts';
import type { NumberDecision } from './number-decision.ts';
import type { SpecNode } from './spec-node.ts';

/** An `intValue` or `floatValue`: one slot holding the number itself. */
export class NumberNode implements SpecNode {
  readonly start: number;
  readonly end: number;
  readonly cardinality: number;

  constructor(
    readonly decision: NumberDecision,
    readonly path: string,
  ) {
    this.start = decision.index;
    this.end = decision.index + 1;
    this.cardinality = decision.size;
  }

  decode(values: Float64Array): unknown {
    return values[this.start];
  }

  encode(value: unknown, values: Float64Array): string | undefined {
    const d = this.decision;
    if (typeof value !== 'number' || !d.isValidValue(value)) {
      const what = d.kind === 'int' ? 'an integer' : 'a number';
      return `at ${showPath(this.path)}: expected ${what} in [${d.min}, ${d.max}], got ${describeValue(value)}`;
    }
    values[this.start] = value;
    return undefined;
  }

  sample(values: Float64Array, rng: Rng): void {
    values[this.start] = this.decision.randomValue(rng);
  }

  *enumerate(values: Float64Array): Generator<void, void, undefined> {
    const d = this.decision;
    if (d.kind === 'float') throw new UsageError(`cannot enumerate the float decision '${d.id}': the space is infinite`);
    for (let v = d.min; v <= d.max; v++) {
      values[this.start] = v;
      yield;
    }
    values[this.start] = NaN;
  }
}
