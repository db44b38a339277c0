import type { Rng } from '../../../core/rng.ts';
import { gateOpen } from './decision-point.ts';
import type { DecisionKind, DecisionPoint } from './decision-point.ts';
import type { Location } from './spec-node.ts';

/** An integer or float decision: the slot holds the value itself, within [min, max]. */
export class NumberDecision implements DecisionPoint {
  readonly labels = undefined;
  readonly group = undefined;
  readonly slotInGroup = -1;
  readonly size: number;
  readonly id: string;
  readonly path: string;
  readonly parent: DecisionPoint | undefined;
  readonly parentCandidate: number;
  private readonly logMin: number;
  private readonly logSpan: number;

  constructor(
    readonly index: number,
    at: Location,
    readonly name: string | undefined,
    readonly kind: Exclude<DecisionKind, 'choice'>,
    readonly min: number,
    readonly max: number,
    readonly scale: 'linear' | 'log',
  ) {
    this.size = kind === 'int' ? max - min + 1 : Infinity;
    this.id = at.id;
    this.path = at.path;
    this.parent = at.parent;
    this.parentCandidate = at.parentCandidate;
    this.logMin = scale === 'log' ? Math.log(min) : 0;
    this.logSpan = scale === 'log' ? Math.log(max) - this.logMin : 0;
  }

  get end(): number {
    return this.index + 1;
  }

  isActive(values: Float64Array): boolean {
    return gateOpen(this, values);
  }

  isValidValue(value: number): boolean {
    if (!(value >= this.min && value <= this.max)) return false;
    return this.kind === 'float' || Number.isInteger(value);
  }

  randomValue(rng: Rng): number {
    if (this.kind === 'int') return rng.intBetween(this.min, this.max);
    if (this.scale === 'linear') return rng.uniform(this.min, this.max);
    // exp(log(max)) may round just past max: clamp so the value stays valid.
    return Math.min(this.max, Math.max(this.min, Math.exp(this.logMin + this.logSpan * rng.float())));
  }

  canMutate(): boolean {
    return this.size > 1;
  }

  mutate(values: Float64Array, rng: Rng): void {
    const old = values[this.index] as number;
    if (this.kind === 'float') {
      values[this.index] = this.randomValue(rng);
      return;
    }
    let next = this.min + rng.int(this.size - 1);
    if (next >= old) next++;
    values[this.index] = next;
  }

  describe(value: number): string {
    return String(value);
  }
}
