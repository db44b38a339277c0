import type { Rng } from '../../../core/rng.ts';

/** What a group needs of each of its slots (a choice decision): where it is and what it chooses among. */
export interface GroupSlot {
  /** Its DNA slot. */
  readonly index: number;
  /** Key path of the chosen value. */
  readonly path: string;
  /** A short label per candidate. */
  readonly labels: readonly string[];
  /** Each candidate's subtree, whose slots follow the choice. */
  readonly candidates: readonly { sample(values: Float64Array, rng: Rng): void }[];
}

/**
 * The k slots of one `manyOf` (or `permutate`). Slot j is a choice decision at
 * `slotIndex(j)`, followed by its candidates' slots; every slot's block has the same width,
 * so a block can move as a unit. `distinct` and `sorted` constrain the slot values jointly.
 */
export class ChoiceGroup {
  /** The slot decisions, in order. */
  readonly slots: GroupSlot[] = [];
  /** First slot of the group. */
  start = 0;
  /** Slots per block: the choice itself plus its candidates' slots. */
  blockWidth = 1;

  constructor(
    readonly id: string,
    readonly path: string,
    readonly name: string | undefined,
    readonly k: number,
    readonly numCandidates: number,
    readonly distinct: boolean,
    readonly sorted: boolean,
  ) {}

  /** One past the last slot of the group. */
  get end(): number {
    return this.start + this.k * this.blockWidth;
  }

  /** True when the slot values constrain one another, so operators must treat the group as a unit. */
  get constrained(): boolean {
    return this.distinct || this.sorted;
  }

  /** True when the slots hold a permutation of all candidates (as `permutate` makes). */
  get isPermutation(): boolean {
    return this.distinct && !this.sorted && this.k === this.numCandidates;
  }

  /** DNA slot of the group's j-th choice. */
  slotIndex(j: number): number {
    return this.start + j * this.blockWidth;
  }

  /** True when some slot can take another value without breaking the constraints. */
  canChange(): boolean {
    return this.numCandidates > 1 && (!this.distinct || this.numCandidates > this.k);
  }

  /**
   * True when slot j may take candidate c given the slots before it, for a controller that
   * fills slots in order: unused when distinct; not below the previous slot when sorted, and
   * leaving enough larger candidates for the slots after it when also distinct.
   */
  allows(values: Float64Array, j: number, c: number): boolean {
    const n = this.numCandidates;
    if (!Number.isInteger(c) || c < 0 || c >= n) return false;
    if (this.sorted) {
      const previous = j > 0 ? (values[this.slotIndex(j - 1)] as number) : -1;
      if (c < previous || (this.distinct && (c === previous || c > n - (this.k - j)))) return false;
      return true;
    }
    if (this.distinct) for (let i = 0; i < j; i++) if (values[this.slotIndex(i)] === c) return false;
    return true;
  }

  /** A new value for a slot now holding `old`: unused by every slot when distinct. */
  alternative(values: Float64Array, old: number, rng: Rng): number {
    const n = this.numCandidates;
    if (!this.distinct) {
      const next = rng.int(n - 1);
      return next >= old ? next + 1 : next;
    }
    let skip = rng.int(n - this.k);
    for (let v = 0; v < n; v++) {
      if (this.holds(values, v)) continue;
      if (skip-- === 0) return v;
    }
    throw new Error(`manyOf ${this.id}: no unused candidate left`);
  }

  /** Assigns all k slot values at random under the constraints (subtrees are not touched). */
  sampleValues(values: Float64Array, rng: Rng): void {
    const n = this.numCandidates;
    const k = this.k;
    if (this.distinct) {
      // Selection sampling (Knuth's algorithm S): k distinct values in increasing order.
      let chosen = 0;
      for (let v = 0; v < n && chosen < k; v++) {
        if (rng.int(n - v) < k - chosen) values[this.slotIndex(chosen++)] = v;
      }
      if (!this.sorted) {
        for (let j = k - 1; j > 0; j--) this.swapSlotValues(values, j, rng.int(j + 1));
      }
      return;
    }
    for (let j = 0; j < k; j++) values[this.slotIndex(j)] = rng.int(n);
    if (this.sorted) {
      for (let j = 1; j < k; j++) {
        for (let i = j; i > 0 && (values[this.slotIndex(i - 1)] as number) > (values[this.slotIndex(i)] as number); i--) {
          this.swapSlotValues(values, i, i - 1);
        }
      }
    }
  }

  /** Assigns the slot values under the constraints, then samples each chosen candidate's slots. */
  sample(values: Float64Array, rng: Rng): void {
    this.sampleValues(values, rng);
    for (let j = 0; j < this.k; j++) {
      const slot = this.slots[j] as GroupSlot;
      slot.candidates[(values[slot.index] as number) | 0]!.sample(values, rng);
    }
  }

  /** After slot j changed, moves its block until the group is sorted again (sorted groups only). */
  restoreOrder(values: Float64Array, j: number): void {
    if (!this.sorted) return;
    let at = j;
    while (at > 0 && (values[this.slotIndex(at - 1)] as number) > (values[this.slotIndex(at)] as number)) {
      this.swapBlocks(values, at, at - 1);
      at--;
    }
    while (at < this.k - 1 && (values[this.slotIndex(at + 1)] as number) < (values[this.slotIndex(at)] as number)) {
      this.swapBlocks(values, at, at + 1);
      at++;
    }
  }

  /** Exchanges the blocks of two distinct slots drawn uniformly (the group needs k >= 2). */
  swapRandomBlocks(values: Float64Array, rng: Rng): void {
    const i = rng.int(this.k);
    let j = rng.int(this.k - 1);
    if (j >= i) j++;
    this.swapBlocks(values, i, j);
  }

  /** Exchanges the whole blocks (choice and candidate slots) of slots i and j. */
  swapBlocks(values: Float64Array, i: number, j: number): void {
    const a = this.slotIndex(i);
    const b = this.slotIndex(j);
    for (let o = 0; o < this.blockWidth; o++) {
      const t = values[a + o] as number;
      values[a + o] = values[b + o] as number;
      values[b + o] = t;
    }
  }

  /** Why the slot values break the constraints, or undefined when they hold. */
  violation(values: Float64Array): string | undefined {
    for (let j = 1; j < this.k; j++) {
      const previous = values[this.slotIndex(j - 1)] as number;
      const current = values[this.slotIndex(j)] as number;
      if (this.sorted && current < previous) return `manyOf '${this.id}' must be sorted, got ${previous} before ${current}`;
      if (this.sorted && this.distinct && current === previous) return `manyOf '${this.id}' must be distinct, got ${current} twice`;
    }
    if (this.distinct && !this.sorted) {
      for (let i = 0; i < this.k; i++) {
        for (let j = i + 1; j < this.k; j++) {
          if (values[this.slotIndex(i)] === values[this.slotIndex(j)]) {
            return `manyOf '${this.id}' must be distinct, got ${values[this.slotIndex(i)]} twice`;
          }
        }
      }
    }
    return undefined;
  }

  private holds(values: Float64Array, v: number): boolean {
    for (let j = 0; j < this.k; j++) if (values[this.slotIndex(j)] === v) return true;
    return false;
  }

  private swapSlotValues(values: Float64Array, i: number, j: number): void {
    const a = this.slotIndex(i);
    const b = this.slotIndex(j);
    const t = values[a] as number;
    values[a] = values[b] as number;
    values[b] = t;
  }
}
