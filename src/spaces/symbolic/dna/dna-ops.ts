import type { Rng } from '../../../core/rng.ts';
import { gateOpen } from './decision-point.ts';
import type { DNASpec } from './dna-spec.ts';

/**
 * Mutates one active decision of `values` in place, chosen uniformly among those that can
 * change and that `eligible` (indexed by slot) allows; returns false when none can.
 */
export function mutateOneDecision(spec: DNASpec, values: Float64Array, rng: Rng, eligible?: Uint8Array): boolean {
  const decisions = spec.decisions;
  let count = 0;
  for (let i = 0; i < decisions.length; i++) {
    const v = values[i] as number;
    if (v === v && (eligible === undefined || eligible[i] === 1) && decisions[i]!.canMutate(values)) count++;
  }
  if (count === 0) return false;
  let skip = rng.int(count);
  for (let i = 0; i < decisions.length; i++) {
    const v = values[i] as number;
    if (v === v && (eligible === undefined || eligible[i] === 1) && decisions[i]!.canMutate(values) && skip-- === 0) {
      decisions[i]!.mutate(values, rng);
      return true;
    }
  }
  return false;
}

/**
 * Swaps two slot blocks of one active, unsorted manyOf group with k >= 2 (a permutation stays
 * a permutation), chosen uniformly among the groups `eligible` allows (indexed by the group's
 * first slot); returns false when there is none.
 */
export function swapTwoSlots(spec: DNASpec, values: Float64Array, rng: Rng, eligible?: Uint8Array): boolean {
  let count = 0;
  for (const g of spec.groups) if (swappable(g, values, eligible)) count++;
  if (count === 0) return false;
  let skip = rng.int(count);
  for (const g of spec.groups) {
    if (!swappable(g, values, eligible) || skip-- !== 0) continue;
    g.swapRandomBlocks(values, rng);
    return true;
  }
  return false;
}

/**
 * Changes one mutation site of `values` in place, chosen uniformly among the active
 * decisions that can change and the active permutations (which only a swap can change);
 * returns false when there is none.
 */
export function mutateAnySite(spec: DNASpec, values: Float64Array, rng: Rng): boolean {
  const decisions = spec.decisions;
  let count = 0;
  for (let i = 0; i < decisions.length; i++) {
    const v = values[i] as number;
    if (v === v && decisions[i]!.canMutate(values)) count++;
  }
  let permutations = 0;
  for (const g of spec.groups) if (!g.canChange() && swappable(g, values, undefined)) permutations++;
  if (count + permutations === 0) return false;
  const site = rng.int(count + permutations);
  if (site < count) {
    let skip = site;
    for (let i = 0; i < decisions.length; i++) {
      const v = values[i] as number;
      if (v === v && decisions[i]!.canMutate(values) && skip-- === 0) {
        decisions[i]!.mutate(values, rng);
        return true;
      }
    }
  }
  let skip = site - count;
  for (const g of spec.groups) {
    if (g.canChange() || !swappable(g, values, undefined) || skip-- !== 0) continue;
    g.swapRandomBlocks(values, rng);
    return true;
  }
  return false;
}

function swappable(g: DNASpec['groups'][number], values: Float64Array, eligible: Uint8Array | undefined): boolean {
  const first = values[g.start] as number;
  return first === first && !g.sorted && g.k >= 2 && (eligible === undefined || eligible[g.start] === 1);
}

/**
 * Builds a child from parents, slot by slot in order. Each active slot takes its value from
 * the parent `preferred(slot)` names when that parent has the slot active, else from a
 * parent chosen uniformly among those that do (`preferred` may return -1 to always do
 * that), else at random. A constrained manyOf (distinct or sorted) is taken whole from one
 * parent so its constraints hold. The child is always a valid DNA.
 */
export function assembleChild(spec: DNASpec, parents: readonly Float64Array[], preferred: (slot: number) => number, rng: Rng): Float64Array {
  const child = new Float64Array(spec.size).fill(NaN);
  const decisions = spec.decisions;
  for (let i = 0; i < decisions.length; ) {
    const d = decisions[i]!;
    if (!gateOpen(d, child)) {
      i++;
      continue;
    }
    const source = pickSource(parents, i, preferred(i), rng);
    const group = d.group;
    if (group !== undefined && group.constrained && group.start === i) {
      if (source >= 0) child.set(parents[source]!.subarray(group.start, group.end), group.start);
      else group.sample(child, rng);
      i = group.end;
      continue;
    }
    child[i] = source >= 0 ? (parents[source]![i] as number) : d.randomValue(rng);
    i++;
  }
  return child;
}

function pickSource(parents: readonly Float64Array[], slot: number, preferred: number, rng: Rng): number {
  if (preferred >= 0) {
    const v = parents[preferred]![slot] as number;
    if (v === v) return preferred;
  }
  let count = 0;
  for (const p of parents) if ((p[slot] as number) === (p[slot] as number)) count++;
  if (count === 0) return -1;
  let skip = count === 1 ? 0 : rng.int(count);
  for (let k = 0; k < parents.length; k++) {
    const v = parents[k]![slot] as number;
    if (v === v && skip-- === 0) return k;
  }
  return -1;
}
