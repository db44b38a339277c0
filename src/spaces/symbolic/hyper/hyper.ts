import type { Json } from '../../../core/types.ts';
import type { Location, NodeBuilder, NodeSource, SpecNode } from '../dna/spec-node.ts';
import { HYPER_BRAND } from '../object/kinds.ts';
import type { Symbolic } from '../object/symbolic.ts';

export { containsHyper } from '../object/kinds.ts';
export type { Infer } from '../dna/infer.ts';

/**
 * A value with choices inside: `oneOf`, `manyOf`, `permutate`, `floatValue`, `intValue`, or a
 * symbolic class whose fields hold choices. `T` is what it decodes to; it rides on the
 * type-only field `_output`, so `Infer` can read it back.
 */
export abstract class Hyper<T> implements NodeSource {
  /** Lets the layers below recognise a hyper value without importing this class. */
  get [HYPER_BRAND](): true {
    return true;
  }

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

/** Plain data that a hyper value's JSON form is made of. */
export type HyperJson = { readonly _type: string; readonly [key: string]: Json };

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
