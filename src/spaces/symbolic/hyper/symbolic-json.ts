import { UsageError } from '../../../core/errors.ts';
import type { Json } from '../../../core/types.ts';
import { floatValue } from './float-value.ts';
import { Hyper, containsHyper } from './hyper.ts';
import { intValue } from './int-value.ts';
import { manyOf } from './many-of.ts';
import { oneOf } from './one-of.ts';
import { permutate } from './permutate.ts';
import { ClassSpace } from './class-space.ts';
import { joinPath, showPath } from '../object/key-path.ts';
import { isPlainObject } from '../object/plain.ts';
import { Symbolic } from '../object/symbolic.ts';
import { lookupType } from '../object/type-registry.ts';

type Fields = Record<string, unknown>;

/** Rebuilds each hyper value from its JSON fields (already decoded). */
const HYPER_TYPES: Readonly<Record<string, (f: Fields) => Hyper<unknown>>> = {
  'hyper.oneOf': (f) => oneOf(f.candidates as unknown[], named(f)),
  'hyper.manyOf': (f) => manyOf(f.k as number, f.candidates as unknown[], { ...named(f), distinct: f.distinct as boolean, sorted: f.sorted as boolean }),
  'hyper.permutate': (f) => permutate(f.items as unknown[], named(f)),
  'hyper.floatValue': (f) => floatValue(f.min as number, f.max as number, { ...named(f), scale: f.scale as 'linear' | 'log' }),
  'hyper.intValue': (f) => intValue(f.min as number, f.max as number, named(f)),
};

function named(f: Fields): { name?: string } {
  return f.name === undefined ? {} : { name: f.name as string };
}

/**
 * The plain JSON form of a symbolic value: symbolic instances, class spaces and hyper values
 * become objects tagged with `_type`; plain containers and primitives stay as they are. Throws
 * a UsageError at the first value JSON cannot hold (NaN, undefined, a class instance, a plain
 * object that uses the reserved key `_type`).
 */
export function toSymbolicJSON(value: unknown, path = ''): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new UsageError(`at ${showPath(path)}: ${value} cannot be written as JSON`);
  }
  if (Array.isArray(value)) return value.map((item, i) => toSymbolicJSON(item, joinPath(path, i)));
  if (value instanceof Symbolic || value instanceof Hyper) {
    const { _type, ...rest } = value.toJSON();
    const out: { [key: string]: Json } = { _type };
    for (const [key, v] of Object.entries(rest)) out[key] = toSymbolicJSON(v, joinPath(path, key));
    return out;
  }
  if (isPlainObject(value)) {
    if (Object.hasOwn(value, '_type')) throw new UsageError(`at ${showPath(path)}: '_type' is reserved for symbolic types; rename the key`);
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) out[key] = toSymbolicJSON(v, joinPath(path, key));
    return out;
  }
  const kind = typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
  throw new UsageError(`at ${showPath(path)}: a ${kind} cannot be written as symbolic JSON`);
}

/**
 * Rebuilds a symbolic value from `toSymbolicJSON`'s form: `_type` names a registered
 * symbolic class (its fields are checked) or a hyper value. An unknown type or a bad field
 * is a UsageError naming the path.
 */
export function fromSymbolicJSON(json: unknown, path = ''): unknown {
  if (json === null || typeof json === 'boolean' || typeof json === 'string' || typeof json === 'number') return json;
  if (Array.isArray(json)) return json.map((item, i) => fromSymbolicJSON(item, joinPath(path, i)));
  if (!isPlainObject(json)) throw new UsageError(`at ${showPath(path)}: not JSON data`);
  const fields: Fields = {};
  for (const [key, v] of Object.entries(json)) if (key !== '_type') fields[key] = fromSymbolicJSON(v, joinPath(path, key));
  const type = json._type;
  if (type === undefined) return fields;
  if (typeof type !== 'string') throw new UsageError(`at ${showPath(path)}: _type must be a string, got ${JSON.stringify(type)}`);
  try {
    if (type.startsWith('hyper.')) {
      const rebuild = HYPER_TYPES[type];
      if (rebuild === undefined) throw new UsageError(`unknown hyper type '${type}'; known: ${Object.keys(HYPER_TYPES).join(', ')}`);
      return rebuild(fields);
    }
    const ctor = lookupType(type, showPath(path));
    return containsHyper(fields) ? new ClassSpace(ctor, fields) : new ctor(fields);
  } catch (error) {
    if (error instanceof UsageError && !error.message.startsWith('at ') && !error.message.startsWith('unknown symbolic type')) {
      throw new UsageError(`at ${showPath(path)}: ${error.message}`);
    }
    throw error;
  }
}
