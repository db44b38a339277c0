import { UsageError } from '../../../core/errors.ts';
import { formatPath, parsePath, showPath } from '../object/key-path.ts';
import type { KeySegment } from '../object/key-path.ts';
import { deepEqual, isPlainObject } from '../object/plain.ts';
import { Symbolic } from '../object/symbolic.ts';
import type { SymbolicCtor } from '../object/symbolic.ts';
import { rebuildUnchecked, rewrite } from './rewrite.ts';
import type { RewriteFn } from './rewrite.ts';

/**
 * The new value for a matched node: a value, or a function of the old value (symbolic values
 * are data, never functions, so a function always means "compute it").
 */
export type Replacement = unknown;

/** `{ 'path.to.field': replacement }`: set (or add, in plain objects) the value at each path. */
export type PathRule = { readonly [keyPath: string]: Replacement };

/** A patch rule: a rewrite function `(keyPath, value, parent) => new value`, or a path rule. */
export type PatchRule = RewriteFn | PathRule;

function replace(replacement: Replacement, value: unknown, keyPath: string, parent: unknown): unknown {
  return typeof replacement === 'function' ? (replacement as (v: unknown, p: string, parent: unknown) => unknown)(value, keyPath, parent) : replacement;
}

/** Replaces every node whose own key (a field name or index) matches `pattern`. */
export function byKey(pattern: RegExp | string, replacement: Replacement): RewriteFn {
  const test = matcher('byKey', pattern);
  return (keyPath, value, parent, key) => (key !== undefined && test(String(key)) ? replace(replacement, value, keyPath, parent) : value);
}

/** Replaces every node whose key path (`layers[2].width`) matches `pattern` (a RegExp, or a string for the whole path). */
export function byPath(pattern: RegExp | string, replacement: Replacement): RewriteFn {
  const test = matcher('byPath', pattern);
  return (keyPath, value, parent) => (test(keyPath) ? replace(replacement, value, keyPath, parent) : value);
}

/** The primitive kinds `byType` understands, besides symbolic classes. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object';

/** Replaces every instance of a symbolic class (subclasses too), or every value of a primitive kind. */
export function byType(type: SymbolicCtor | (abstract new (...args: never[]) => Symbolic) | ValueKind, replacement: Replacement): RewriteFn {
  const kinds: readonly string[] = ['number', 'string', 'boolean', 'null', 'array', 'object'];
  let test: (value: unknown) => boolean;
  if (typeof type === 'function') test = (value) => value instanceof type;
  else if (kinds.includes(type)) test = (value) => kindOf(value) === type;
  else throw new UsageError(`byType: type must be a symbolic class or one of ${kinds.join(', ')}, got ${String(type)}`);
  return (keyPath, value, parent) => (test(value) ? replace(replacement, value, keyPath, parent) : value);
}

/** Replaces every node equal to `match` (deep equality), or passing it when it is a predicate. */
export function byValue(match: unknown, replacement: Replacement): RewriteFn {
  const test = typeof match === 'function' ? (match as (v: unknown) => boolean) : (value: unknown) => deepEqual(value, match);
  return (keyPath, value, parent) => (test(value) ? replace(replacement, value, keyPath, parent) : value);
}

/** Applies one rule to a value, returning the patched copy. */
export function applyRule(value: unknown, rule: PatchRule): unknown {
  if (typeof rule === 'function') return rewrite(value, rule);
  if (!isPlainObject(rule)) throw new UsageError('a patch rule must be a function or an object of { keyPath: value }');
  let out = value;
  for (const [keyPath, replacement] of Object.entries(rule)) out = setAt(out, parsePath(keyPath), 0, replacement, out);
  return out;
}

function setAt(node: unknown, segments: readonly KeySegment[], depth: number, replacement: Replacement, parent: unknown): unknown {
  if (depth === segments.length) return replace(replacement, node, formatPath(segments), parent);
  const segment = segments[depth]!;
  const here = formatPath(segments.slice(0, depth));
  const missing = () => new UsageError(`patch path '${formatPath(segments)}': ${showPath(here)} has no ${typeof segment === 'number' ? 'index' : 'key'} ${JSON.stringify(segment)}`);
  if (Array.isArray(node)) {
    if (typeof segment !== 'number' || segment >= node.length) throw missing();
    const out = node.slice();
    out[segment] = setAt(node[segment], segments, depth + 1, replacement, node);
    return out;
  }
  if (node instanceof Symbolic) {
    const fields = node.fields();
    if (typeof segment !== 'string' || !Object.hasOwn(fields, segment)) throw missing();
    return rebuildUnchecked(node, { ...fields, [segment]: setAt(fields[segment], segments, depth + 1, replacement, node) });
  }
  if (isPlainObject(node) && typeof segment === 'string') {
    const last = depth === segments.length - 1;
    if (!last && !Object.hasOwn(node, segment)) throw missing();
    return { ...node, [segment]: setAt(node[segment], segments, depth + 1, replacement, node) };
  }
  throw missing();
}

function matcher(owner: string, pattern: RegExp | string): (text: string) => boolean {
  if (typeof pattern === 'string') return (text) => text === pattern;
  if (pattern instanceof RegExp) {
    const safe = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    return (text) => safe.test(text);
  }
  throw new UsageError(`${owner}: pattern must be a RegExp or a string`);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  return typeof value;
}
