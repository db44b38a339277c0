import type { Rng } from '../../../core/rng.ts';
import type { ChoiceGroup } from './choice-group.ts';
import { gateOpen } from './decision-point.ts';
import type { DecisionPoint } from './decision-point.ts';
import type { Location, SpecNode } from './spec-node.ts';

/**
 * A choice among candidates (a `oneOf`, or one slot of a `manyOf`): the slot holds the
 * candidate index, and candidate c's own decisions occupy the slots of `candidates[c]`.
 */
export class ChoiceDecision implements DecisionPoint {
  readonly kind = 'choice';
  readonly scale = 'linear';
  readonly min = 0;
  readonly max: number;
  readonly size: number;
  readonly id: string;
  readonly path: string;
  readonly parent: DecisionPoint | undefined;
  readonly parentCandidate: number;
  /** Candidate subtrees, set once built; candidate c owns slots [candidates[c].start, candidates[c].end). */
  candidates: readonly SpecNode[] = [];

  constructor(
    readonly index: number,
    at: Location,
    readonly name: string | undefined,
    readonly labels: readonly string[],
    readonly group: ChoiceGroup | undefined = undefined,
    /** Position among the group's slots. */
    readonly slotInGroup = -1,
  ) {
    this.size = labels.length;
    this.max = this.size - 1;
    this.id = at.id;
    this.path = at.path;
    this.parent = at.parent;
    this.parentCandidate = at.parentCandidate;
  }

  get end(): number {
    const last = this.candidates[this.candidates.length - 1];
    return last === undefined ? this.index + 1 : last.end;
  }

  isActive(values: Float64Array): boolean {
    return gateOpen(this, values);
  }

  isValidValue(value: number): boolean {
    return Number.isInteger(value) && value >= 0 && value < this.size;
  }

  randomValue(rng: Rng): number {
    return rng.int(this.size);
  }

  canMutate(): boolean {
    return this.group === undefined ? this.size > 1 : this.group.canChange();
  }

  mutate(values: Float64Array, rng: Rng): void {
    const old = values[this.index] as number;
    let next: number;
    if (this.group !== undefined) {
      next = this.group.alternative(values, old, rng);
    } else {
      next = rng.int(this.size - 1);
      if (next >= old) next++;
    }
    this.switchTo(values, next, rng);
    this.group?.restoreOrder(values, this.slotInGroup);
  }

  /** Sets the slot to candidate `next`, clearing the old candidate's slots and sampling the new one's. */
  switchTo(values: Float64Array, next: number, rng: Rng): void {
    // Indexing with `| 0` keeps V8 on its fast integer path (a double key takes a slow one).
    const old = values[this.index] as number;
    const oldCandidate = old === old ? this.candidates[old | 0] : undefined;
    if (oldCandidate !== undefined) values.fill(NaN, oldCandidate.start, oldCandidate.end);
    values[this.index] = next;
    (this.candidates[next | 0] as SpecNode).sample(values, rng);
  }

  describe(value: number): string {
    return (Number.isInteger(value) ? this.labels[value | 0] : undefined) ?? String(value);
  }
}
