import { UsageError } from '../../../core/errors.ts';
import type { Spaceable } from './hyper.ts';
import { ClassSpace } from './class-space.ts';
import { ORDERED, RESERVED_FIELDS, Symbolic, UNCHECKED, checkFields, unknownField } from '../object/symbolic.ts';
import type { FieldValue, FieldsInput, FieldsOf, Flatten, OptionalKeys, RequiredKeys, Schema, SymbolicCtor, SymbolicMeta } from '../object/symbolic.ts';
import { registerType } from '../object/type-registry.ts';

/** An instance of a symbolic class with schema `S`: its fields plus the `Symbolic` methods. */
export type SymbolicInstance<S extends Schema> = Symbolic & FieldsOf<S>;

/** The fields of a class space: each may be a value or a hyper value that decodes to one. */
export type SpaceFields<S extends Schema> = Flatten<
  { readonly [K in RequiredKeys<S>]: Spaceable<FieldValue<S[K]>> } & { readonly [K in OptionalKeys<S>]?: Spaceable<FieldValue<S[K]>> }
>;

/** A symbolic class: construct checked instances, or `space(...)` for a search space over them. */
export interface SymbolicClass<S extends Schema> {
  new (fields: FieldsInput<S>): SymbolicInstance<S>;
  readonly typeName: string;
  readonly schema: S;
  readonly meta: SymbolicMeta;
  /** A space whose fields may hold choices; it decodes to instances of this class (or subclass). */
  space<T>(this: new (fields: FieldsInput<S>) => T, fields: SpaceFields<S>): ClassSpace<T>;
}

/** Options of `symbolicClass`. */
export interface SymbolicClassOptions<S extends Schema> {
  /** What the class stands for. */
  readonly doc?: string;
  /** Checks that span fields; returns a message when the fields are invalid. Runs after patches too. */
  readonly validate?: (fields: FieldsOf<S>) => string | undefined | void;
}

/**
 * Declares a symbolic class: immutable instances whose fields follow `schema` (checked at
 * construction), registered under `typeName` for JSON, and usable in search spaces through
 * `Class.space({...})`. `class Dense extends symbolicClass('Dense', {...}) {}` adds methods;
 * call `registerType(Dense)` so JSON rebuilds the subclass.
 */
export function symbolicClass<const S extends Schema>(typeName: string, schema: S, options: SymbolicClassOptions<S> = {}): SymbolicClass<S> {
  if (typeof typeName !== 'string' || !/^[A-Za-z_][\w.]*$/.test(typeName) || typeName.startsWith('hyper.')) {
    throw new UsageError(`symbolicClass: typeName must be an identifier (dots allowed) not starting with 'hyper.', got '${String(typeName)}'`);
  }
  if (typeof schema !== 'object' || schema === null) throw new UsageError(`symbolicClass ${typeName}: schema must be an object of fields`);
  for (const [key, f] of Object.entries(schema)) {
    if (RESERVED_FIELDS.has(key)) throw new UsageError(`symbolicClass ${typeName}: '${key}' is reserved and cannot be a field name`);
    if (typeof f?.accepts !== 'function') throw new UsageError(`symbolicClass ${typeName}: field '${key}' must be made with field.*()`);
  }
  const meta: SymbolicMeta = {
    typeName,
    schema,
    keys: Object.keys(schema),
    doc: options.doc,
    validate: options.validate as SymbolicMeta['validate'],
    defaults: Object.values(schema).map((f) => (f.hasDefault ? f.defaultValue : undefined)),
  };
  const { keys, defaults } = meta;
  const cls = class extends Symbolic {
    static readonly meta = meta;
    static readonly typeName = typeName;
    static readonly schema = schema;

    constructor(fields: Record<string, unknown> | readonly unknown[], trust?: symbol) {
      super();
      const self = this as unknown as Record<string, unknown>;
      if (trust === ORDERED) {
        const values = fields as readonly unknown[];
        for (let i = 0; i < keys.length; i++) self[keys[i] as string] = values[i];
      } else {
        const given = (fields ?? {}) as Record<string, unknown>;
        // Fields are set in schema order, so every instance of the class shares one shape.
        for (let i = 0; i < keys.length; i++) {
          const value = given[keys[i] as string];
          self[keys[i] as string] = value === undefined ? defaults[i] : value;
        }
        if (trust !== UNCHECKED) {
          const unknown = unknownField(meta, given);
          if (unknown !== undefined) throw new UsageError(unknown);
        }
      }
      if (trust !== UNCHECKED) {
        const problem = checkFields(new.target as unknown as SymbolicCtor, self);
        if (problem !== undefined) throw new UsageError(problem);
      }
      Object.freeze(this);
    }

    static space(fields: Record<string, unknown>): ClassSpace<unknown> {
      return new ClassSpace(this as unknown as SymbolicCtor, fields);
    }
  };
  Object.defineProperty(cls, 'name', { value: typeName });
  registerType(cls as unknown as SymbolicCtor);
  return cls as unknown as SymbolicClass<S>;
}
