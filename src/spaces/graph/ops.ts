import { UsageError } from '../../core/errors.ts';
import { infixCall, latexCall, type InfixPrinter, type LatexPrinter } from './print-forms.ts';

/**
 * Algebraic facts about an op that `simplify` may use. Each holds for finite operands (IEEE
 * special values such as Infinity·0 are the documented exception).
 */
export interface Algebra {
  /** `x op e = x` (and `e op x = x` when the op is commutative). */
  readonly identity?: number;
  /** `x op z = z` (and `z op x = z` when the op is commutative). */
  readonly absorbing?: number;
  /** `x op x` equals this constant (`x − x = 0`, `x / x = 1`). */
  readonly selfValue?: number;
  /** `x op x = x` (max, min). */
  readonly idempotent?: boolean;
  /** `op(op(x)) = x` (neg). */
  readonly involution?: boolean;
  /** One argument, `op(−x) = op(x)` (cos, abs, log|x|): the algebraic simplifier drops the argument's sign. */
  readonly even?: boolean;
  /** One argument, `op(−x) = −op(x)` (sin, tanh): the algebraic simplifier moves the sign outside. */
  readonly odd?: boolean;
}

/** One operation of the graph language: its types, its code, its reference and its printers. */
export interface OpSpec {
  /** Canonical name, stored in genotypes: letters, digits and `_`. */
  readonly name: string;
  readonly arity: number;
  /** The type each argument must have. */
  readonly argTypes: readonly string[];
  /** The type of the result. */
  readonly type: string;
  /** True when every argument order gives the same value (keys sort the arguments). */
  readonly commutative: boolean;
  /** A relative cost estimate (add = 1), for cost objectives. */
  readonly cost: number;
  /** A parenthesised JS expression over the argument expressions (which it may repeat) and globals such as Math only. */
  readonly emit: (args: readonly string[]) => string;
  /** The reference value, bit-identical to what `emit`'s code computes. */
  readonly evaluate: (...args: number[]) => number;
  readonly infix: InfixPrinter;
  readonly latex: LatexPrinter;
  /** A parenthesised C99 expression (math.h) over the argument expressions. */
  readonly c: (args: readonly string[]) => string;
  /** A parenthesised Python expression over NumPy arrays (`np.*`), computing what `emit` computes elementwise. */
  readonly numpy: (args: readonly string[]) => string;
  /** A SymPy expression of the plain math, as `toInfix` shows it (protected ops without their guards). */
  readonly sympy: (args: readonly string[]) => string;
  readonly algebra: Algebra;
  /** One line for listings. */
  readonly description: string;
  /** For an op defined by an expression (`cubic(x)=x*x*x`): that text, which configs store in place of the name. */
  readonly definition?: string;
}

/** What `defineOp` needs; the rest of an OpSpec has defaults (all 'real', cost 1, call-style printers). */
export interface OpDefinition {
  readonly name: string;
  readonly arity: number;
  readonly emit: (args: readonly string[]) => string;
  readonly evaluate: (...args: number[]) => number;
  readonly argTypes?: readonly string[];
  readonly type?: string;
  readonly commutative?: boolean;
  readonly cost?: number;
  readonly infix?: InfixPrinter;
  readonly latex?: LatexPrinter;
  readonly c?: (args: readonly string[]) => string;
  readonly numpy?: (args: readonly string[]) => string;
  readonly sympy?: (args: readonly string[]) => string;
  readonly algebra?: Algebra;
  readonly description?: string;
  readonly definition?: string;
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Validates an op definition and fills in its defaults, throwing a UsageError that names the
 * op and the field at fault. Custom ops made this way can join any `opSet`.
 */
export function defineOp(definition: OpDefinition): OpSpec {
  const { name, arity } = definition;
  const fail = (problem: string) => new UsageError(`op '${String(name)}': ${problem}`);
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) throw fail('name must be letters, digits and _ (not starting with a digit)');
  if (!Number.isInteger(arity) || arity < 0) throw fail(`arity must be a whole number >= 0, got ${arity}`);
  const argTypes = definition.argTypes ?? new Array<string>(arity).fill('real');
  if (argTypes.length !== arity) throw fail(`argTypes has ${argTypes.length} entries for arity ${arity}`);
  for (const t of [...argTypes, definition.type ?? 'real']) {
    if (typeof t !== 'string' || t === '') throw fail('types must be non-empty strings');
  }
  const cost = definition.cost ?? 1;
  if (!Number.isFinite(cost) || cost < 0) throw fail(`cost must be a finite number >= 0, got ${cost}`);
  if (typeof definition.emit !== 'function' || typeof definition.evaluate !== 'function') throw fail('emit and evaluate must be functions');
  const placeholders = Array.from({ length: arity }, (_, i) => `a${i}`);
  if (typeof definition.emit(placeholders) !== 'string') throw fail('emit must return a string');
  return {
    name,
    arity,
    argTypes: [...argTypes],
    type: definition.type ?? 'real',
    commutative: definition.commutative ?? false,
    cost,
    emit: definition.emit,
    evaluate: definition.evaluate,
    infix: definition.infix ?? infixCall(name),
    latex: definition.latex ?? latexCall(`\\operatorname{${name.replaceAll('_', '\\_')}}`),
    c: definition.c ?? ((args) => `${name}(${args.join(', ')})`),
    numpy: definition.numpy ?? ((args) => `${name}(${args.join(', ')})`),
    sympy: definition.sympy ?? ((args) => `Function('${name}')(${args.join(', ')})`),
    algebra: definition.algebra ?? {},
    description: definition.description ?? name,
    ...(definition.definition === undefined ? {} : { definition: definition.definition }),
  };
}
