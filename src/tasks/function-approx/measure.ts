import { UsageError } from '../../core/errors.ts';
import { compileGraph } from '../../spaces/graph/compile.ts';
import { constantsOf } from '../../spaces/graph/constants.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { maxRelativeError, maxUlpError } from './error-measures.ts';
import { chebyshevGrid, uniformGrid } from './grid.ts';
import { referenceValues } from './reference.ts';
import type { Interval, Target } from './targets.ts';

/** `real`: float64 and maximum relative error; `float32`: every value rounded to float32, error in ULPs. */
export type ApproxMode = 'real' | 'float32';

/** Throws a UsageError unless `mode` is 'real' or 'float32'. */
export function checkMode(mode: unknown): ApproxMode {
  if (mode !== 'real' && mode !== 'float32') throw new UsageError(`mode must be 'real' or 'float32', got '${String(mode)}'`);
  return mode;
}

/** Points where a program is scored, with the target's exact values there. */
export interface ScoringGrid {
  readonly points: Float64Array;
  readonly reference: Float64Array;
  readonly mode: ApproxMode;
}

/**
 * A scoring grid of `count` points on the interval: evenly spaced (`uniform`) or Chebyshev
 * (denser at the ends). In float32 mode the points are rounded to float32 first, since those
 * are the only inputs a float32 program can receive.
 */
export function scoringGrid(target: Target, interval: Interval, count: number, mode: ApproxMode, spacing: 'uniform' | 'chebyshev' = 'uniform'): ScoringGrid {
  const points = spacing === 'uniform' ? uniformGrid(interval, count) : chebyshevGrid(interval, count);
  if (mode === 'float32') {
    for (let i = 0; i < points.length; i++) points[i] = Math.fround(points[i]!);
    points[0] = Math.max(points[0]!, nextFloat32Up(interval[0]));
    points[count - 1] = Math.min(points[count - 1]!, nextFloat32Down(interval[1]));
  }
  return { points, reference: referenceValues(target, points), mode };
}

/** The smallest float32 >= x. */
function nextFloat32Up(x: number): number {
  const f = Math.fround(x);
  return f >= x ? f : f + float32Spacing(f);
}

/** The largest float32 <= x. */
function nextFloat32Down(x: number): number {
  const f = Math.fround(x);
  return f <= x ? f : f - float32Spacing(f);
}

function float32Spacing(f: number): number {
  const a = Math.abs(f);
  return a < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** Outputs of `g` (its own constants unless given) at the grid's points, compiled for the grid's mode. */
export function programOutputs(g: Graph, ops: OpSet, grid: ScoringGrid, constants: Float64Array = constantsOf(g), out = new Float64Array(grid.points.length)): Float64Array {
  compileGraph(g, ops, { float32: grid.mode === 'float32' }).run([grid.points], constants, [out]);
  return out;
}

/** The grid's error measure of `g`: max relative error (real) or max float32 ULPs (float32). */
export function programError(g: Graph, ops: OpSet, grid: ScoringGrid, constants?: Float64Array): number {
  const out = programOutputs(g, ops, grid, constants);
  return grid.mode === 'real' ? maxRelativeError(out, grid.reference) : maxUlpError(out, grid.reference);
}

/** The max relative error of `g` on the grid, in float64 whatever the grid's mode. */
export function programRelativeError(g: Graph, ops: OpSet, grid: ScoringGrid, constants?: Float64Array): number {
  const out = new Float64Array(grid.points.length);
  compileGraph(g, ops).run([grid.points], constants ?? constantsOf(g), [out]);
  return maxRelativeError(out, grid.reference);
}
