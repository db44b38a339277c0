import { UsageError } from '../../../core/errors.ts';
import type { Field } from './field.ts';
import { SYMBOLIC_BRAND, containsHyper } from './kinds.ts';
import { describeValue } from './plain.ts';

/** A schema: the fields of a symbolic class, by name, in order. */
export type Schema = { readonly [key: string]: Field<unknown, boolean> };

/** The value type of a field. */
export type FieldValue<F> = F extends Field<infer T, boolean> ? T : never;

/** Keys of fields without a default. */
export type RequiredKeys<S> = { [K in keyof S]: S[K] extends { readonly _hasDefault: true } ? never : K }[keyof S];
/** Keys of fields with a default. */
export type OptionalKeys<S> = { [K in keyof S]: S[K] extends { readonly _hasDefault: true } ? K : never }[keyof S];
/** Shows an intersection of object types as one object type. */
export type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The fields of an instance of a class with schema `S`. */
export type FieldsOf<S extends Schema> = { readonly [K in keyof S]: FieldValue<S[K]> };

/** What a constructor takes: every field, where those with a default may be left out. */
export type FieldsInput<S extends Schema> = Flatten<
  { readonly [K in RequiredKeys<S>]: FieldValue<S[K]> } & { readonly [K in OptionalKeys<S>]?: FieldValue<S[K]> }
>;

/** What the class's static metadata holds. */
export interface SymbolicMeta {
  readonly typeName: string;
  readonly schema: Schema;
  readonly keys: readonly string[];
  readonly doc: string | undefined;
  readonly validate: ((fields: Record<string, unknown>) => string | undefined | void) | undefined;
  /** Each field's default (undefined where it has none), in `keys` order. */
  readonly defaults: readonly unknown[];
}

/** Any symbolic class constructor: what the type registry, JSON and patches work with. */
export interface SymbolicCtor {
  new (fields: Record<string, unknown>, trust?: symbol): Symbolic;
  new (values: readonly unknown[], trust: typeof ORDERED): Symbolic;
  readonly meta: SymbolicMeta;
  readonly typeName: string;
}

/** Passed as the second constructor argument, skips checks while patches are still being applied. */
export const UNCHECKED: unique symbol = Symbol('unchecked');

/**
 * Passed as the second constructor argument when the first is an array of every field's
 * value in schema order (as a template decodes them): values are still checked, but no
 * fields object is built and no key is looked up by name.
 */
export const ORDERED: unique symbol = Symbol('ordered');

/**
 * Names an instance may not use as fields, because the base class or JSON form needs them.
 */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set(['_type', 'typeName', 'fields', 'with', 'toJSON', 'check', 'constructor', 'meta']);

/**
 * Base of every symbolic class: an immutable value object whose fields follow a declared
 * schema, registered by type name so it survives a JSON round trip. Make one with
 * `symbolicClass(name, schema)`; subclasses may add methods (not fields).
 */
export abstract class Symbolic {
  /** Lets the layers below recognise a symbolic instance without importing this class. */
  get [SYMBOLIC_BRAND](): true {
    return true;
  }

  /** The registered type name (`'Dense'`). */
  get typeName(): string {
    return (this.constructor as SymbolicCtor).meta.typeName;
  }

  /** The schema fields and their values, as a new plain object in schema order. */
  fields(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const self = this as unknown as Record<string, unknown>;
    for (const key of (this.constructor as SymbolicCtor).meta.keys) out[key] = self[key];
    return out;
  }

  /** A checked copy with some fields replaced. */
  with(changes: Record<string, unknown>): this {
    const ctor = this.constructor as unknown as new (fields: Record<string, unknown>) => this;
    return new ctor({ ...this.fields(), ...changes });
  }

  /** Throws a UsageError naming the first field that breaks the schema or the class's validator. */
  check(): void {
    const problem = checkFields(this.constructor as SymbolicCtor, this as unknown as Record<string, unknown>);
    if (problem !== undefined) throw new UsageError(problem);
  }

  /** Shallow JSON form `{ _type, ...fields }`, so `JSON.stringify` writes the type tag. */
  toJSON(): { readonly _type: string; readonly [key: string]: unknown } {
    return { _type: this.typeName, ...this.fields() };
  }
}

/** Why `fields` has a key the class lacks, or undefined when every key is a field. */
export function unknownField(meta: SymbolicMeta, fields: Record<string, unknown>): string | undefined {
  for (const key in fields) {
    if (!Object.hasOwn(meta.schema, key)) return `${meta.typeName} has no field '${key}'; its fields are ${meta.keys.join(', ') || '(none)'}`;
  }
  return undefined;
}

/** Why the schema fields of `values` do not fit the class (missing or bad, or its validator), else undefined. */
export function checkFields(ctor: SymbolicCtor, values: Record<string, unknown>): string | undefined {
  const { typeName, schema, keys, validate } = ctor.meta;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const field = schema[key] as Field;
    const value = values[key];
    if (value === undefined) return `${typeName}.${key} is required: ${field.description}`;
    if (typeof value === 'object' && containsHyper(value)) return `${typeName}.${key} holds a hyper value; use ${typeName}.space({...}) to build a search space`;
    if (!field.accepts(value)) return `${typeName}.${key} must be ${field.description}, got ${describeValue(value)}`;
  }
  const verdict = validate?.(values);
  return typeof verdict === 'string' ? `${typeName} is invalid: ${verdict}` : undefined;
}
