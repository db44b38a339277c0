import type { Target } from './targets.ts';
import { ReferenceDecimal } from './targets.ts';

/** Cached reference columns per target, keyed by the exact bits of the point set. */
const cache = new WeakMap<Target, Map<string, { points: Float64Array; values: Float64Array }>>();
/** Point sets kept per target; a search uses a handful (train, validation, baselines). */
const CACHE_LIMIT = 32;

function pointsKey(points: Float64Array): string {
  const bits = new Uint32Array(points.buffer, points.byteOffset, points.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < bits.length; i++) h = Math.imul(h ^ bits[i]!, 0x01000193);
  return `${points.length}:${h >>> 0}`;
}

/**
 * The target's value at each point, computed in high precision (decimal.js) and rounded once
 * to float64. Results are cached per target and point set, so repeated evaluations of
 * candidates and baselines on the same grid pay for the references only once.
 */
export function referenceValues(target: Target, points: Float64Array): Float64Array {
  let perTarget = cache.get(target);
  if (perTarget === undefined) cache.set(target, (perTarget = new Map()));
  const key = pointsKey(points);
  const hit = perTarget.get(key);
  // The hash may collide; a full comparison of the points settles it.
  if (hit !== undefined && hit.points.every((p, i) => Object.is(p, points[i]))) return hit.values;
  const values = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) values[i] = target.reference(new ReferenceDecimal(points[i]!)).toNumber();
  if (perTarget.size >= CACHE_LIMIT) perTarget.delete(perTarget.keys().next().value!);
  perTarget.set(key, { points: Float64Array.from(points), values });
  return values;
}
