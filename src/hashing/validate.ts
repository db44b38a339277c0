import { UsageError } from '../core/errors.ts';

/**
 * Checks that an option is a whole number in [min, max] and returns it, or throws a
 * UsageError naming the owner and the option (`fecCache: capacity must be ...`).
 */
export function wholeNumberIn(owner: string, name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`${owner}: ${name} must be a whole number ${range}, got ${show(value)}`);
  }
  return value;
}

/** Checks that an option is a number in [min, max] and returns it, or throws a UsageError. */
export function numberIn(owner: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new UsageError(`${owner}: ${name} must be a number in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
