import { Hyper } from '../hyper/hyper.ts';
import { joinPath } from '../object/key-path.ts';
import type { KeySegment } from '../object/key-path.ts';
import { isPlainObject } from '../object/plain.ts';
import { Symbolic, UNCHECKED } from '../object/symbolic.ts';
import type { SymbolicCtor } from '../object/symbolic.ts';

/**
 * A rewrite rule: given a node's key path, value, parent and own key, returns its
 * replacement, or the value itself to keep it and look inside.
 */
export type RewriteFn = (keyPath: string, value: unknown, parent: unknown, key: KeySegment | undefined) => unknown;

/**
 * Rewrites a symbolic value top-down without changing it: each node goes through `fn`; a
 * replaced node is not looked into; containers and symbolic instances are rebuilt only where
 * something inside changed (the rest is shared). Symbolic instances are rebuilt unchecked,
 * since later patches may fix what earlier ones break; `applyPatches` checks at the end.
 * Hyper values are leaves.
 */
export function rewrite(value: unknown, fn: RewriteFn): unknown {
  return visit(value, '', undefined, undefined, fn);
}

function visit(value: unknown, path: string, parent: unknown, key: KeySegment | undefined, fn: RewriteFn): unknown {
  const replaced = fn(path, value, parent, key);
  if (replaced !== value) return replaced;
  if (typeof value !== 'object' || value === null || value instanceof Hyper) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = visit(value[i], joinPath(path, i), value, i, fn);
      if (next !== value[i] && out === undefined) out = value.slice();
      if (out !== undefined) out[i] = next;
    }
    return out ?? value;
  }
  if (value instanceof Symbolic) {
    const fields = value.fields();
    const next = visitEntries(fields, path, value, fn);
    return next === fields ? value : rebuildUnchecked(value, next);
  }
  if (isPlainObject(value)) return visitEntries(value, path, value, fn);
  return value;
}

function visitEntries(entries: Record<string, unknown>, path: string, parent: unknown, fn: RewriteFn): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(entries)) {
    const next = visit(entries[key], joinPath(path, key), parent, key, fn);
    if (next !== entries[key] && out === undefined) out = { ...entries };
    if (out !== undefined) out[key] = next;
  }
  return out ?? entries;
}

/** A new instance of the same class with `fields`, skipping checks (patching is still going on). */
export function rebuildUnchecked(instance: Symbolic, fields: Record<string, unknown>): Symbolic {
  const ctor = instance.constructor as SymbolicCtor;
  return new ctor(fields, UNCHECKED);
}
