import { UsageError } from '../../../core/errors.ts';
import { NumberDecision } from '../dna/number-decision.ts';
import { NumberNode } from '../dna/number-node.ts';
import type { Location, NodeBuilder, SpecNode } from '../dna/spec-node.ts';
import { Hyper } from './hyper.ts';
import { readName } from './options.ts';
import type { HyperOptions } from './options.ts';

/** Options of `floatValue`. */
export interface FloatValueOptions extends HyperOptions {
  /** Sample uniformly (`'linear'`, default) or log-uniformly (`'log'`, needs min > 0). */
  readonly scale?: 'linear' | 'log';
}

/** A float in [min, max]. */
export class FloatValue extends Hyper<number> {
  constructor(
    readonly min: number,
    readonly max: number,
    readonly scale: 'linear' | 'log',
    readonly name: string | undefined,
  ) {
    super();
  }

  toNode(builder: NodeBuilder, at: Location): SpecNode {
    const decision = builder.addDecision(new NumberDecision(builder.nextSlot, at, this.name, 'float', this.min, this.max, this.scale));
    return new NumberNode(decision, at.path);
  }

  toJSON(): { readonly _type: string; readonly [key: string]: unknown } {
    return { _type: 'hyper.floatValue', min: this.min, max: this.max, scale: this.scale, ...(this.name === undefined ? {} : { name: this.name }) };
  }

  describe(): string {
    return `floatValue(${this.min}, ${this.max}${this.scale === 'log' ? ', log' : ''})`;
  }
}

/** A float in [min, max], sampled uniformly or (with `scale: 'log'`) log-uniformly. */
export function floatValue(min: number, max: number, options: FloatValueOptions = {}): FloatValue {
  const name = readName('floatValue', options);
  const scale = options.scale ?? 'linear';
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new UsageError(`floatValue: min and max must be finite with min < max, got ${min} and ${max}`);
  }
  if (scale !== 'linear' && scale !== 'log') throw new UsageError(`floatValue: scale must be 'linear' or 'log', got '${String(scale)}'`);
  if (scale === 'log' && !(min > 0)) throw new UsageError(`floatValue: a log scale needs min > 0, got ${min}`);
  return new FloatValue(min, max, scale, name);
}
