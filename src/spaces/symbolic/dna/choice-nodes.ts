import type { Rng } from '../../../core/rng.ts';
import { describeValue } from '../object/plain.ts';
import { showPath } from '../object/key-path.ts';
import type { ChoiceDecision } from './choice-decision.ts';
import type { ChoiceGroup } from './choice-group.ts';
import type { SpecNode } from './spec-node.ts';

/** Tries each candidate in order; writes the first that encodes `value` and returns its index, or -1. */
function encodeCandidate(candidates: readonly SpecNode[], value: unknown, values: Float64Array): number {
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c] as SpecNode;
    if (candidate.encode(value, values) === undefined) return c;
    values.fill(NaN, candidate.start, candidate.end);
  }
  return -1;
}

function noMatch(path: string, value: unknown, decision: { readonly labels: readonly string[] }): string {
  return `at ${showPath(path)}: ${describeValue(value)} matches none of the candidates (${decision.labels.join(' | ')})`;
}

/** A `oneOf`: one slot holding the chosen candidate's index, then each candidate's slots. */
export class OneOfNode implements SpecNode {
  readonly start: number;
  readonly end: number;
  readonly cardinality: number;

  constructor(
    readonly decision: ChoiceDecision,
    readonly candidates: readonly SpecNode[],
    readonly path: string,
  ) {
    this.start = decision.index;
    this.end = decision.end;
    this.cardinality = candidates.reduce((sum, c) => sum + c.cardinality, 0);
  }

  decode(values: Float64Array): unknown {
    // `| 0` turns the stored double into an integer key, which V8 indexes on its fast path.
    return (this.candidates[(values[this.start] as number) | 0] as SpecNode).decode(values);
  }

  encode(value: unknown, values: Float64Array): string | undefined {
    const chosen = encodeCandidate(this.candidates, value, values);
    if (chosen < 0) return this.candidates.length === 1 ? this.candidates[0]!.encode(value, values) : noMatch(this.path, value, this.decision);
    values[this.start] = chosen;
    return undefined;
  }

  sample(values: Float64Array, rng: Rng): void {
    const chosen = rng.int(this.candidates.length);
    values[this.start] = chosen;
    (this.candidates[chosen] as SpecNode).sample(values, rng);
  }

  *enumerate(values: Float64Array): Generator<void, void, undefined> {
    for (let c = 0; c < this.candidates.length; c++) {
      const candidate = this.candidates[c] as SpecNode;
      values[this.start] = c;
      yield* candidate.enumerate(values);
      values.fill(NaN, candidate.start, candidate.end);
    }
    values[this.start] = NaN;
  }
}

/** A `manyOf` (or `permutate`): k blocks of equal width, one per slot, each a choice and its candidates. */
export class ManyOfNode implements SpecNode {
  readonly start: number;
  readonly end: number;
  readonly cardinality: number;

  constructor(
    readonly group: ChoiceGroup,
    /** slotCandidates[j][c]: candidate c's subtree under slot j. */
    readonly slotCandidates: readonly (readonly SpecNode[])[],
    readonly path: string,
  ) {
    this.start = group.start;
    this.end = group.end;
    this.cardinality = manyOfCardinality(group, (slotCandidates[0] ?? []).map((c) => c.cardinality));
  }

  decode(values: Float64Array): unknown {
    const out: unknown[] = [];
    const { group, slotCandidates } = this;
    for (let j = 0; j < group.k; j++) {
      out.push((slotCandidates[j]![(values[group.slotIndex(j)] as number) | 0] as SpecNode).decode(values));
    }
    return out;
  }

  encode(value: unknown, values: Float64Array): string | undefined {
    const { group } = this;
    if (!Array.isArray(value) || value.length !== group.k) {
      return `at ${showPath(this.path)}: expected an array of ${group.k} items, got ${describeValue(value)}`;
    }
    for (let j = 0; j < group.k; j++) {
      const chosen = encodeCandidate(this.slotCandidates[j]!, value[j], values);
      if (chosen < 0) return noMatch(group.slots[j]!.path, value[j], group.slots[j]!);
      values[group.slotIndex(j)] = chosen;
    }
    const violation = group.violation(values);
    return violation === undefined ? undefined : `at ${showPath(this.path)}: ${violation}`;
  }

  sample(values: Float64Array, rng: Rng): void {
    this.group.sample(values, rng);
  }

  enumerate(values: Float64Array): Generator<void, void, undefined> {
    return this.slotsFrom(0, -1, values);
  }

  private *slotsFrom(j: number, previous: number, values: Float64Array): Generator<void, void, undefined> {
    const { group } = this;
    if (j === group.k) {
      yield;
      return;
    }
    const slot = group.slotIndex(j);
    for (let c = 0; c < group.numCandidates; c++) {
      if (group.sorted && (c < previous || (group.distinct && c === previous))) continue;
      if (group.distinct && !group.sorted && usedBefore(group, values, j, c)) continue;
      const candidate = this.slotCandidates[j]![c] as SpecNode;
      values[slot] = c;
      for (const _ of candidate.enumerate(values)) yield* this.slotsFrom(j + 1, c, values);
      values.fill(NaN, candidate.start, candidate.end);
    }
    values[slot] = NaN;
  }
}

function usedBefore(group: ChoiceGroup, values: Float64Array, j: number, c: number): boolean {
  for (let i = 0; i < j; i++) if (values[group.slotIndex(i)] === c) return true;
  return false;
}

/**
 * Distinct assignments of a manyOf whose candidate i has c_i assignments: (Σc)^k when free,
 * k!·e_k(c) when distinct, e_k(c) when distinct and sorted, h_k(c) when only sorted
 * (e and h: elementary and complete homogeneous symmetric polynomials).
 */
export function manyOfCardinality(group: Pick<ChoiceGroup, 'k' | 'distinct' | 'sorted'>, counts: readonly number[]): number {
  const { k, distinct, sorted } = group;
  if (!distinct && !sorted) return counts.reduce((a, b) => a + b, 0) ** k;
  const poly = new Array<number>(k + 1).fill(0);
  poly[0] = 1;
  for (const c of counts) {
    if (distinct) for (let j = k; j >= 1; j--) poly[j]! += poly[j - 1]! * c;
    else for (let j = 1; j <= k; j++) poly[j]! += poly[j - 1]! * c;
  }
  let result = poly[k]!;
  if (distinct && !sorted) for (let f = 2; f <= k; f++) result *= f;
  return result;
}
