import type { Objective } from './types.ts';

/**
 * The losses of a measurement's values, one per objective: negated for `'max'` objectives,
 * so that smaller is better everywhere an algorithm or a front compares them.
 */
export function lossOf(objectives: readonly Objective[], values: readonly number[]): number[] {
  const loss = new Array<number>(objectives.length);
  for (let i = 0; i < objectives.length; i++) loss[i] = objectives[i]!.goal === 'max' ? -values[i]! : values[i]!;
  return loss;
}
