import type { Symbolic } from '../object/symbolic.ts';

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
