import { UsageError } from '../../core/errors.ts';
import type { Interval } from './targets.ts';

/**
 * `count` points spaced evenly over [low, high], both ends included. The ends matter: the
 * error of a minimax approximation peaks there.
 */
export function uniformGrid(interval: Interval, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 2) throw new UsageError(`a grid needs a whole number of points >= 2, got ${count}`);
  const [low, high] = interval;
  const points = new Float64Array(count);
  for (let i = 0; i < count; i++) points[i] = low + ((high - low) * i) / (count - 1);
  points[count - 1] = high;
  return points;
}

/**
 * `count` Chebyshev points of the second kind on [low, high] (ends included), denser near the
 * ends where minimax errors peak; a cheap training grid for the search.
 */
export function chebyshevGrid(interval: Interval, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 2) throw new UsageError(`a grid needs a whole number of points >= 2, got ${count}`);
  const [low, high] = interval;
  const points = new Float64Array(count);
  for (let i = 0; i < count; i++) points[i] = (low + high) / 2 - ((high - low) / 2) * Math.cos((Math.PI * i) / (count - 1));
  points[0] = low;
  points[count - 1] = high;
  return points;
}
