/**
 * How the lowest layer recognises symbolic instances and hyper values without importing
 * their classes: each class carries a brand, and these predicates read it. Symbolic objects
 * sit below DNA specs and hyper values (object → dna → hyper), so nothing here may import
 * from those layers.
 */

/** Carried (as `true`) by every instance of `Symbolic`. */
export const SYMBOLIC_BRAND: unique symbol = Symbol('amoeba.symbolic');

/** Carried (as `true`) by every hyper value (`oneOf`, `manyOf`, ..., class spaces). */
export const HYPER_BRAND: unique symbol = Symbol('amoeba.hyper');

/** What plain-value helpers read of a symbolic instance. */
export interface SymbolicLike {
  readonly typeName: string;
  fields(): Record<string, unknown>;
}

/** True for instances of a symbolic class. */
export function isSymbolicInstance(value: unknown): value is SymbolicLike {
  return typeof value === 'object' && value !== null && (value as { [SYMBOLIC_BRAND]?: unknown })[SYMBOLIC_BRAND] === true;
}

/** True for hyper values. */
export function isHyperValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [HYPER_BRAND]?: unknown })[HYPER_BRAND] === true;
}

/** True when a hyper value sits anywhere inside `value` (plain containers and symbolic fields). */
export function containsHyper(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isHyperValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsHyper);
  const fields = (value as { fields?: unknown }).fields;
  const entries = typeof fields === 'function' ? Object.values(fields.call(value) as object) : Object.values(value);
  return entries.some(containsHyper);
}
