import type { Rng } from '../../../core/rng.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { ChoiceGroup } from '../dna/choice-group.ts';
import { DNA } from '../dna/dna.ts';
import type { Individual, Operator } from './operator.ts';
import type { RecombinatorOptions } from './recombinators.ts';
import { decisionMask } from './where.ts';
import type { DecisionFilter } from './where.ts';

/** Options of `recombinePmx` and `recombineOrder`. */
export interface PermutationCrossoverOptions extends RecombinatorOptions {
  /** Only permutations whose path matches (RegExp) or whose first slot passes the predicate. */
  readonly where?: DecisionFilter;
}

/** Fills `child` (element per position) from two parent orders, given the segment [from, to) kept from the first. */
type OrderRule = (a: Int32Array, b: Int32Array, from: number, to: number, child: Int32Array) => void;

/**
 * Partially mapped crossover (PMX, Goldberg and Lingle 1985) on every permutation both
 * parents hold: a random segment keeps the first parent's order, and the second parent's
 * elements fill the rest through the segment's mapping. Elsewhere the child copies the first
 * parent. Each element brings the choices inside it from the parent it came from.
 */
export function recombinePmx(options: PermutationCrossoverOptions = {}): Operator {
  return permutationCrossover('recombinePmx', options, (a, b, from, to, child) => {
    const n = a.length;
    const positionInB = inverse(b);
    const placed = new Uint8Array(n);
    child.fill(-1);
    for (let i = from; i < to; i++) {
      child[i] = a[i]!;
      placed[a[i]!] = 1;
    }
    for (let i = from; i < to; i++) {
      const element = b[i]!;
      if (placed[element]) continue;
      let position = i;
      while (position >= from && position < to) position = positionInB[a[position]!]!;
      child[position] = element;
      placed[element] = 1;
    }
    for (let i = 0; i < n; i++) if (child[i] === -1) child[i] = b[i]!;
  });
}

/**
 * Order crossover (OX1, Davis 1985) on every permutation both parents hold: a random
 * segment keeps the first parent's order, and the remaining elements follow in the second
 * parent's order, starting after the segment. Elsewhere the child copies the first parent.
 */
export function recombineOrder(options: PermutationCrossoverOptions = {}): Operator {
  return permutationCrossover('recombineOrder', options, (a, b, from, to, child) => {
    const n = a.length;
    const inSegment = new Uint8Array(n);
    for (let i = from; i < to; i++) {
      child[i] = a[i]!;
      inSegment[a[i]!] = 1;
    }
    let write = to % n;
    for (let r = 0; r < n; r++) {
      const element = b[(to + r) % n]!;
      if (inSegment[element]) continue;
      child[write] = element;
      write = (write + 1) % n;
    }
  });
}

function permutationCrossover(owner: string, options: PermutationCrossoverOptions, rule: OrderRule): Operator {
  const mask = decisionMask(owner, options.where);
  const children = wholeNumber(owner, 'children', options.children ?? 1, 1);
  return (individuals, { spec, rng }) => {
    if (individuals.length === 0) return [];
    const first = individuals[0]!.dna.values;
    const second = (individuals[1] ?? individuals[0]!).dna.values;
    const eligible = mask(spec);
    const out: Individual[] = [];
    for (let c = 0; c < children; c++) {
      const child = first.slice();
      for (const group of spec.groups) {
        if (!group.isPermutation || (eligible !== undefined && eligible[group.start] !== 1)) continue;
        if (Number.isNaN(first[group.start]) || Number.isNaN(second[group.start])) continue;
        crossGroup(group, first, second, child, rule, rng);
      }
      out.push({ dna: new DNA(child), loss: undefined });
    }
    return out;
  };
}

/** Recombines one permutation group into `child`, moving each element's whole block. */
function crossGroup(group: ChoiceGroup, first: Float64Array, second: Float64Array, child: Float64Array, rule: OrderRule, rng: Rng): void {
  const n = group.k;
  const a = orderOf(group, first);
  const b = orderOf(group, second);
  let from = rng.int(n + 1);
  let to = rng.int(n + 1);
  if (from > to) [from, to] = [to, from];
  const order = new Int32Array(n);
  rule(a, b, from, to, order);
  const positionInB = inverse(b);
  const width = group.blockWidth;
  for (let p = 0; p < n; p++) {
    const fromFirst = p >= from && p < to;
    const source = fromFirst ? first : second;
    const sourceSlot = group.slotIndex(fromFirst ? p : positionInB[order[p]!]!);
    child.set(source.subarray(sourceSlot, sourceSlot + width), group.slotIndex(p));
  }
}

function orderOf(group: ChoiceGroup, values: Float64Array): Int32Array {
  const order = new Int32Array(group.k);
  for (let j = 0; j < group.k; j++) order[j] = values[group.slotIndex(j)]!;
  return order;
}

function inverse(order: Int32Array): Int32Array {
  const position = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) position[order[i]!] = i;
  return position;
}
