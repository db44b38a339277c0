import type { Json } from '../../../core/types.ts';
import type { NodeBuilder, Location, SpecNode } from '../dna/spec-node.ts';
import type { Symbolic } from '../object/symbolic.ts';

/**
 * A value with choices inside: `oneOf`, `manyOf`, `permutate`, `floatValue`, `intValue`, or a
 * symbolic class whose fields hold choices. `T` is what it decodes to; it rides on the
 * type-only field `_output`, so `Infer` can read it back.
 */
export abstract class Hyper<T> {
  /** Type-only: the decoded type. Never set at run time. */
  declare readonly _output: T;
  /** A name for display and `where` filters, when the author gave one. */
  abstract readonly name: string | undefined;
  /** Builds this value's part of a DNA spec at `at`, claiming DNA slots from `builder`. */
  abstract toNode(builder: NodeBuilder, at: Location): SpecNode;
  /** Shallow plain form with a `_type` tag; nested values are left for the caller to encode. */
  abstract toJSON(): { readonly _type: string; readonly [key: string]: unknown };
  /** A short rendering for labels and messages (`oneOf(3)`). */
  abstract describe(): string;
}

/** True for hyper values (anything a template turns into decisions). */
export function isHyper(value: unknown): value is Hyper<unknown> {
  return value instanceof Hyper;
}

/**
 * The type a space decodes to: hyper values give their `_output`, symbolic instances stay
 * as they are, and plain objects, arrays and tuples are mapped field by field.
 * `Infer<{ a: OneOf<number | string> }>` is `{ a: number | string }`.
 */
export type Infer<S> = S extends { readonly _output: infer T }
  ? T
  : S extends Symbolic
    ? S
    : S extends (...args: never[]) => unknown
      ? S
      : S extends object
        ? { [K in keyof S]: Infer<S[K]> }
        : S;

/** Plain data that a hyper value's JSON form is made of. */
export type HyperJson = { readonly _type: string; readonly [key: string]: Json };

/** True when a hyper value sits anywhere inside `value` (plain containers and symbolic fields). */
export function containsHyper(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Hyper) return true;
  if (Array.isArray(value)) return value.some(containsHyper);
  const fields = (value as { fields?: unknown }).fields;
  const entries = typeof fields === 'function' ? Object.values(fields.call(value) as object) : Object.values(value);
  return entries.some(containsHyper);
}

/**
 * What may stand where a value of type `T` is expected in a space: the value itself, a hyper
 * value that decodes to it, or a container (not a symbolic instance) whose parts may be so.
 */
export type Spaceable<T> = T | Hyper<T> | SpaceableParts<T>;
type SpaceableParts<T> = T extends Symbolic
  ? never
  : T extends readonly (infer E)[]
    ? readonly Spaceable<E>[]
    : T extends (...args: never[]) => unknown
      ? never
      : T extends object
        ? { readonly [K in keyof T]: Spaceable<T[K]> }
        : never;
