import { UsageError } from '../../../core/errors.ts';
import { Registry } from '../../../core/registry.ts';
import type { Field } from '../object/field.ts';
import type { FieldsOf, Schema } from '../object/symbolic.ts';
import type { PatchRule } from './rules.ts';

/** A check run on the whole value after every patch: returns (or throws) a message when it fails. */
export type Validator = (value: unknown) => string | undefined | void;

/** What a patcher returns: one rule, several, or rules with validators to run at the end. */
export type PatcherResult = PatchRule | readonly PatchRule[] | { readonly rules: readonly PatchRule[]; readonly validators?: readonly Validator[] };

/** A registered patcher: its argument schema and what it does. */
export interface Patcher {
  readonly name: string;
  readonly args: Schema;
  readonly doc: string | undefined;
  readonly fn: (value: unknown, args: Record<string, unknown>) => PatcherResult;
}

const patchers = new Registry<Patcher>('patcher');

/**
 * Registers a named patcher: `args` (a schema of `field.*()`) says which arguments a patch
 * string may pass, in order, and how to read them; `fn` turns the value and the arguments
 * into rules. Registering a name twice is an error.
 */
export function registerPatcher<const S extends Schema>(
  name: string,
  args: S,
  fn: (value: unknown, args: FieldsOf<S>) => PatcherResult,
  options: { readonly doc?: string } = {},
): void {
  if (typeof name !== 'string' || !/^[\w.-]+$/.test(name)) throw new UsageError(`registerPatcher: name must be letters, digits, '_', '-' or '.', got '${String(name)}'`);
  if (typeof fn !== 'function') throw new UsageError(`registerPatcher '${name}': fn must be a function`);
  for (const [key, f] of Object.entries(args)) {
    if (typeof f?.coerce !== 'function') throw new UsageError(`registerPatcher '${name}': argument '${key}' must be made with field.*()`);
  }
  patchers.register(name, { name, args, doc: options.doc, fn: fn as Patcher['fn'] }, options.doc ?? '');
}

/** Every registered patcher with its one-line doc, sorted by name. */
export function listPatchers(): { name: string; description: string }[] {
  return patchers.list();
}

/** A parsed patch string: the patcher and its arguments, read through its schema. */
export interface PatchCall {
  readonly patcher: Patcher;
  readonly args: Record<string, unknown>;
}

/**
 * Reads a patch string `name?arg1&key=value` (parts may be percent-encoded): positional
 * arguments first, in schema order, then named ones; each is coerced through its field, and
 * absent ones take their defaults. An unknown patcher or a bad argument is a UsageError.
 */
export function parsePatchString(text: string): PatchCall {
  if (typeof text !== 'string' || text.trim() === '') throw new UsageError('a patch string must be a non-empty string like name?arg&key=value');
  const question = text.indexOf('?');
  const name = decode(text, (question < 0 ? text : text.slice(0, question)).trim());
  const patcher = patchers.get(name);
  const keys = Object.keys(patcher.args);
  const raw = new Map<string, string>();
  const parts = question < 0 ? [] : text.slice(question + 1).split('&').filter((part) => part !== '');
  let positional = 0;
  let sawNamed = false;
  for (const part of parts) {
    const equals = part.indexOf('=');
    let key: string;
    if (equals < 0) {
      if (sawNamed) throw new UsageError(`patch '${text}': positional argument '${part}' comes after a named one`);
      key = keys[positional++] ?? '';
      if (key === '') throw new UsageError(`patch '${text}': '${name}' takes ${keys.length} argument(s), got more`);
    } else {
      sawNamed = true;
      key = decode(text, part.slice(0, equals));
      if (!Object.hasOwn(patcher.args, key)) throw new UsageError(`patch '${text}': '${name}' has no argument '${key}'; its arguments are ${keys.join(', ') || '(none)'}`);
    }
    if (raw.has(key)) throw new UsageError(`patch '${text}': argument '${key}' is given twice`);
    raw.set(key, decode(text, equals < 0 ? part : part.slice(equals + 1)));
  }
  const args: Record<string, unknown> = {};
  for (const key of keys) {
    const field = patcher.args[key] as Field;
    const given = raw.get(key);
    if (given === undefined) {
      if (!field.hasDefault) throw new UsageError(`patch '${text}': '${name}' needs argument '${key}' (${field.description})`);
      args[key] = field.defaultValue;
      continue;
    }
    const value = field.coerce(given);
    if (value === undefined) throw new UsageError(`patch '${text}': argument '${key}' must be ${field.description}, got '${given}'`);
    args[key] = value;
  }
  return { patcher, args };
}

function decode(text: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UsageError(`patch '${text}': '${part}' is not valid percent-encoding`);
  }
}
