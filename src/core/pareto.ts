/**
 * Pareto utilities over loss vectors (every component minimised). Trials carry `loss`, so
 * these apply to any task whatever its goals.
 */

/** True when `a` is no worse than `b` everywhere and strictly better somewhere. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let strictlyBetter = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x > y) return false;
    if (x < y) strictlyBetter = true;
  }
  return strictlyBetter;
}

/**
 * Fast non-dominated sort (Deb et al. 2002): fronts of indices into `points`, best first.
 * O(M N²) for N points and M objectives.
 */
export function nonDominatedSort(points: readonly (readonly number[])[]): number[][] {
  const n = points.length;
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const dominationCount = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      const a = points[p] as readonly number[];
      const b = points[q] as readonly number[];
      if (dominates(a, b)) {
        (dominatedBy[p] as number[]).push(q);
        dominationCount[q]!++;
      } else if (dominates(b, a)) {
        (dominatedBy[q] as number[]).push(p);
        dominationCount[p]!++;
      }
    }
  }
  if (n === 0) return [];
  const first: number[] = [];
  for (let p = 0; p < n; p++) if (dominationCount[p] === 0) first.push(p);
  const fronts = [first];
  let current = first;
  while (current.length > 0) {
    const next: number[] = [];
    for (const p of current) {
      for (const q of dominatedBy[p] as number[]) {
        if (--dominationCount[q]! === 0) next.push(q);
      }
    }
    if (next.length > 0) fronts.push(next);
    current = next;
  }
  return fronts;
}

/** Indices of the non-dominated points (duplicates of a front point are all kept). */
export function paretoFront(points: readonly (readonly number[])[]): number[] {
  return nonDominatedSort(points)[0] ?? [];
}

/**
 * Crowding distance of each point within one front (Deb et al. 2002): boundary points get
 * Infinity, others the sum over objectives of the normalised gap between their neighbours.
 */
export function crowdingDistance(front: readonly (readonly number[])[]): Float64Array {
  const n = front.length;
  const distance = new Float64Array(n);
  if (n === 0) return distance;
  const m = (front[0] as readonly number[]).length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < m; k++) {
    order.sort((i, j) => (front[i] as readonly number[])[k]! - (front[j] as readonly number[])[k]!);
    const lo = (front[order[0]!] as readonly number[])[k]!;
    const hi = (front[order[n - 1]!] as readonly number[])[k]!;
    distance[order[0]!] = Infinity;
    distance[order[n - 1]!] = Infinity;
    const range = hi - lo;
    if (!(range > 0) || !Number.isFinite(range)) continue;
    for (let r = 1; r < n - 1; r++) {
      const before = (front[order[r - 1]!] as readonly number[])[k]!;
      const after = (front[order[r + 1]!] as readonly number[])[k]!;
      distance[order[r]!]! += (after - before) / range;
    }
  }
  return distance;
}

/**
 * Hypervolume dominated by `points` and bounded by `reference` (all minimised): exact, by
 * slicing objectives recursively (HSO). Points not strictly better than the reference in
 * every objective add nothing. Fine for the few objectives and hundreds of points of a front.
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const inside = points.filter((p) => p.every((v, i) => v < (reference[i] as number)));
  return sliceVolume(inside, reference, reference.length);
}

function sliceVolume(points: readonly (readonly number[])[], reference: readonly number[], dims: number): number {
  if (points.length === 0) return 0;
  if (dims === 1) return (reference[0] as number) - Math.min(...points.map((p) => p[0] as number));
  const axis = dims - 1;
  const sorted = [...points].sort((a, b) => (a[axis] as number) - (b[axis] as number));
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) {
    const low = sorted[i]![axis] as number;
    const high = i + 1 < sorted.length ? (sorted[i + 1]![axis] as number) : (reference[axis] as number);
    if (high > low) volume += (high - low) * sliceVolume(sorted.slice(0, i + 1), reference, axis);
  }
  return volume;
}
