import { UsageError } from '../../../core/errors.ts';
import type { SymbolicCtor } from './symbolic.ts';

const byName = new Map<string, SymbolicCtor>();

/**
 * Registers a symbolic class under its type name, so JSON with `_type: name` rebuilds it.
 * `symbolicClass` registers its class; register a subclass to make JSON rebuild the
 * subclass instead. A different class under a taken name is an error.
 */
export function registerType(ctor: SymbolicCtor): void {
  const name = ctor.meta.typeName;
  const known = byName.get(name);
  if (known !== undefined && known !== ctor && !(ctor.prototype instanceof known)) {
    throw new UsageError(`symbolic type '${name}' is already registered to another class; pick another name`);
  }
  byName.set(name, ctor);
}

/** The class registered under `name`; an unknown name is a UsageError listing the known ones. */
export function lookupType(name: string, where: string): SymbolicCtor {
  const ctor = byName.get(name);
  if (ctor === undefined) {
    const known = [...byName.keys()].sort().join(', ') || '(none)';
    throw new UsageError(`unknown symbolic type '${name}' at ${where}; known types: ${known}. Define it with symbolicClass before loading`);
  }
  return ctor;
}

/** Names of every registered symbolic type, sorted. */
export function registeredTypes(): string[] {
  return [...byName.keys()].sort();
}
