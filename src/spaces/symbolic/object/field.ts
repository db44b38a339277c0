import { UsageError } from '../../../core/errors.ts';
import { describeValue } from './plain.ts';

/**
 * One field of a symbolic class's schema (or one argument of a patcher): which values it
 * accepts, its default, its documentation, and how to read it from a patch string. `T`
 * rides on the type-only `_output`; `HasDefault` decides whether the field may be omitted.
 */
export interface Field<T = unknown, HasDefault extends boolean = boolean> {
  /** Type-only: the field's value type. */
  readonly _output: T;
  /** Type-only: whether a default lets the field be omitted. */
  readonly _hasDefault: HasDefault;
  /** What the field means, where it is declared. */
  readonly doc: string | undefined;
  readonly hasDefault: boolean;
  readonly defaultValue: T | undefined;
  /** The values it takes, for messages: `an integer in [1, 64]`. */
  readonly description: string;
  /** True when `value` may stand in this field. */
  accepts(value: unknown): boolean;
  /** Reads a patch-string argument; undefined when `raw` is not such a value. */
  coerce(raw: string): T | undefined;
}

/** The options every field takes. */
export interface FieldOptions<T> {
  readonly default?: T;
  readonly doc?: string;
}

type DefaultFlag<O> = O extends { readonly default: unknown } ? true : false;

interface Behaviour<T> {
  readonly description: string;
  readonly accepts: (value: unknown) => boolean;
  readonly coerce: (raw: string) => T | undefined;
}

class FieldImpl<T, D extends boolean> implements Field<T, D> {
  declare readonly _output: T;
  declare readonly _hasDefault: D;
  readonly doc: string | undefined;
  readonly hasDefault: boolean;
  readonly defaultValue: T | undefined;
  readonly description: string;
  readonly accepts: (value: unknown) => boolean;
  readonly coerce: (raw: string) => T | undefined;

  constructor(kind: string, behaviour: Behaviour<T>, options: FieldOptions<T> | undefined) {
    this.description = behaviour.description;
    this.accepts = behaviour.accepts;
    this.coerce = behaviour.coerce;
    this.doc = options?.doc;
    this.hasDefault = options !== undefined && Object.hasOwn(options, 'default');
    this.defaultValue = options?.default;
    if (this.hasDefault && !this.accepts(this.defaultValue)) {
      throw new UsageError(`field.${kind}: default must be ${this.description}, got ${describeValue(this.defaultValue)}`);
    }
    if (Array.isArray(this.defaultValue)) Object.freeze(this.defaultValue);
  }
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` in [${min}, ${max}]`;
  if (min !== undefined) return ` >= ${min}`;
  return max !== undefined ? ` <= ${max}` : '';
}

function inRange(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function readNumber(raw: string): number | undefined {
  const value = Number(raw);
  return raw.trim() === '' || !Number.isFinite(value) ? undefined : value;
}

/** Options of a numeric field. */
export interface NumberFieldOptions extends FieldOptions<number> {
  readonly min?: number;
  readonly max?: number;
}

/** Field factories for symbolic class schemas and patcher arguments. */
export const field = {
  /** A finite number, optionally within [min, max]. */
  number<const O extends NumberFieldOptions>(options?: O): Field<number, DefaultFlag<O>> {
    const { min, max } = options ?? {};
    const accepts = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && inRange(v, min, max);
    return new FieldImpl('number', { description: `a number${range(min, max)}`, accepts, coerce: (raw) => checked(readNumber(raw), accepts) }, options);
  },
  /** A whole number, optionally within [min, max]. */
  int<const O extends NumberFieldOptions>(options?: O): Field<number, DefaultFlag<O>> {
    const { min, max } = options ?? {};
    const accepts = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && inRange(v, min, max);
    return new FieldImpl('int', { description: `an integer${range(min, max)}`, accepts, coerce: (raw) => checked(readNumber(raw), accepts) }, options);
  },
  /** true or false; patch strings may say true/false, yes/no, 1/0. */
  boolean<const O extends FieldOptions<boolean>>(options?: O): Field<boolean, DefaultFlag<O>> {
    const words: Record<string, boolean> = { true: true, yes: true, 1: true, false: false, no: false, 0: false };
    return new FieldImpl('boolean', { description: 'true or false', accepts: (v) => typeof v === 'boolean', coerce: (raw) => words[raw.toLowerCase()] }, options);
  },
  /** Any string. */
  string<const O extends FieldOptions<string>>(options?: O): Field<string, DefaultFlag<O>> {
    return new FieldImpl('string', { description: 'a string', accepts: (v) => typeof v === 'string', coerce: (raw) => raw }, options);
  },
  /** One of a fixed list of literals. */
  enum<const V extends readonly (string | number | boolean)[], const O extends FieldOptions<V[number]> = FieldOptions<V[number]>>(
    values: V,
    options?: O,
  ): Field<V[number], DefaultFlag<O>> {
    if (!Array.isArray(values) || values.length === 0) throw new UsageError('field.enum: values must be a non-empty array');
    const accepts = (v: unknown) => values.includes(v as V[number]);
    const coerce = (raw: string) => values.find((v) => String(v) === raw);
    return new FieldImpl('enum', { description: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, accepts, coerce }, options);
  },
  /** An array whose items all pass `item`, with optional length bounds; patch strings give items comma-separated. */
  list<T, const O extends FieldOptions<readonly T[]> & { readonly minLength?: number; readonly maxLength?: number }>(
    item: Field<T>,
    options?: O,
  ): Field<readonly T[], DefaultFlag<O>> {
    const { minLength, maxLength } = options ?? {};
    const accepts = (v: unknown) => Array.isArray(v) && inRange(v.length, minLength, maxLength) && v.every((x) => item.accepts(x));
    const coerce = (raw: string) => {
      const items = raw === '' ? [] : raw.split(',').map((part) => item.coerce(part.trim()));
      return checked(items.includes(undefined) ? undefined : (items as T[]), accepts);
    };
    const lengths = range(minLength, maxLength);
    return new FieldImpl('list', { description: `a list of ${item.description}${lengths && ` with length${lengths}`}`, accepts, coerce }, options);
  },
  /** An instance of a symbolic class (or a subclass); not readable from patch strings. */
  instance<T, const O extends FieldOptions<T>>(ctor: abstract new (...args: never[]) => T, options?: O): Field<T, DefaultFlag<O>> {
    const name = (ctor as { typeName?: string }).typeName ?? ctor.name;
    return new FieldImpl('instance', { description: `a ${name}`, accepts: (v) => v instanceof ctor, coerce: () => undefined }, options);
  },
  /** Any symbolic value; patch strings are read as JSON when they parse, else as text. */
  any<const O extends FieldOptions<unknown>>(options?: O): Field<unknown, DefaultFlag<O>> {
    const coerce = (raw: string): unknown => {
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    };
    return new FieldImpl('any', { description: 'any value', accepts: () => true, coerce }, options);
  },
};

function checked<T>(value: T | undefined, accepts: (v: unknown) => boolean): T | undefined {
  return value !== undefined && accepts(value) ? value : undefined;
}
