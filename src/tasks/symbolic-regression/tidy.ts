import { constantsOf, withConstants } from '../../spaces/graph/constants.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { simplify } from '../../spaces/graph/simplify.ts';

/** How close (relatively) a fitted constant must be to a whole number to be read as one. */
const SNAP_TOLERANCE = 1e-8;

/**
 * Makes a fitted formula readable: simplifies it, then snaps constants that are a whole
 * number (or zero) up to fitting noise, such as 2.0000000003 or 9e-18, keeping each snap only
 * when `errorOf` does not grow beyond `tolerance`; then simplifies again.
 */
export function tidyFormula(g: Graph, ops: OpSet, errorOf: (g: Graph) => number, tolerance: (error: number) => number): Graph {
  let current = simplify(g, ops);
  const allowed = tolerance(errorOf(current));
  const constants = constantsOf(current);
  for (let i = 0; i < constants.length; i++) {
    const value = constants[i]!;
    const whole = Math.round(value);
    const nearZero = Math.abs(value) < SNAP_TOLERANCE;
    if (whole === value || (!nearZero && Math.abs(value - whole) > SNAP_TOLERANCE * Math.max(1, Math.abs(whole)))) continue;
    constants[i] = nearZero ? 0 : whole;
    const snapped = withConstants(current, constants);
    if (errorOf(snapped) <= allowed) current = snapped;
    else constants[i] = value;
  }
  return simplify(current, ops);
}
