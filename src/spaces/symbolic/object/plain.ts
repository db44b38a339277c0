import { isSymbolicInstance } from './kinds.ts';

/** True for `{...}` objects: not arrays, class instances, or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Structural equality of symbolic values: primitives (NaN equals NaN), arrays, plain objects
 * with the same keys, and symbolic instances of the same type with equal fields.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isSymbolicInstance(a)) {
    if (!isSymbolicInstance(b) || a.typeName !== b.typeName) return false;
    return deepEqual(a.fields(), b.fields());
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !deepEqual(a[key], b[key])) return false;
  return true;
}

/** A short, one-line rendering of a value for labels and messages (at most ~60 characters). */
export function describeValue(value: unknown): string {
  const text = render(value, 2);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth === 0) return Array.isArray(value) ? '[...]' : '{...}';
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth - 1)).join(', ')}]`;
  if (isSymbolicInstance(value)) {
    const fields = Object.entries(value.fields()).map(([k, v]) => `${k}=${render(v, depth - 1)}`);
    return `${value.typeName}(${fields.join(', ')})`;
  }
  const describe = (value as { describe?: unknown }).describe;
  if (typeof describe === 'function') return String(describe.call(value));
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${render(v, depth - 1)}`).join(', ')}}`;
}
