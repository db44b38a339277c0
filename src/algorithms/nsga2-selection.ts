import { crowdingDistance, nonDominatedSort } from '../core/pareto.ts';

/** Rank (front index, 0 best) and crowding distance of each point, for NSGA-II tournaments. */
export interface RankAndCrowding {
  readonly rank: Int32Array;
  readonly crowding: Float64Array;
}

/**
 * NSGA-II environmental selection (Deb et al. 2002): indices of the `count` points to keep,
 * taking whole non-dominated fronts best first, then the most spread-out points (largest
 * crowding distance, ties by lower index) of the first front that does not fit.
 */
export function environmentalSelection(losses: readonly (readonly number[])[], count: number): number[] {
  const kept: number[] = [];
  for (const front of nonDominatedSort(losses)) {
    if (kept.length + front.length <= count) {
      kept.push(...front);
      if (kept.length === count) break;
      continue;
    }
    const distance = crowdingDistance(front.map((i) => losses[i] as readonly number[]));
    const order = front.map((_, position) => position);
    order.sort((a, b) => (distance[b] as number) - (distance[a] as number) || (front[a] as number) - (front[b] as number));
    for (let r = 0; kept.length < count; r++) kept.push(front[order[r] as number] as number);
    break;
  }
  return kept;
}

/** Each point's front index and its crowding distance within that front. */
export function rankAndCrowding(losses: readonly (readonly number[])[]): RankAndCrowding {
  const rank = new Int32Array(losses.length);
  const crowding = new Float64Array(losses.length);
  nonDominatedSort(losses).forEach((front, frontIndex) => {
    const distance = crowdingDistance(front.map((i) => losses[i] as readonly number[]));
    front.forEach((i, position) => {
      rank[i] = frontIndex;
      crowding[i] = distance[position] as number;
    });
  });
  return { rank, crowding };
}
