import type { OpSpec } from '../ops.ts';
import {
  AlgebraLimit,
  callExpr,
  constant,
  leadingSign,
  makeProduct,
  makeSum,
  termsOf,
  type Expr,
  type Factor,
  type SumExpr,
  type Term,
} from './expression.ts';

/** Most terms a product of sums may expand to; larger products stay factored. */
const MAX_EXPANDED_TERMS = 32;
/** Highest power of a sum that is expanded. */
const MAX_EXPANDED_POWER = 3;

/**
 * The operations of the canonical algebra: each returns a canonical expression, with like
 * terms collected (x + x → 2·x), like factors collected (x·x → x², x/x → 1) and constants
 * folded. With `expand`, products and small powers of sums are multiplied out, so that
 * `n·(n − d) − n²` cancels to `−n·d`.
 */
export class AlgebraBuilder {
  /**
   * `expand`: multiply out products and small powers of sums. `monic`: take a sum's leading
   * coefficient outside when it is a factor, so `(2·x + 2)/(x + 1)` cancels to 2 and
   * `77·(0.04·x + 0.001)·y` reads `3.08·(x + 0.025)·y`.
   */
  constructor(
    readonly expand: boolean,
    readonly monic = false,
  ) {}

  add(a: Expr, b: Expr): Expr {
    const left = termsOf(a);
    const right = termsOf(b);
    const terms = new Map<string, Term>();
    for (const t of [...left.terms, ...right.terms]) {
      const previous = terms.get(t.base.key);
      terms.set(t.base.key, { coef: (previous?.coef ?? 0) + t.coef, base: t.base });
    }
    return makeSum(left.constant + right.constant, terms);
  }

  /** `c·e`, the constant distributed over a sum. */
  scale(c: number, e: Expr): Expr {
    if (c === 0) return constant(0);
    const { constant: k, terms } = termsOf(e);
    return makeSum(k * c, new Map(terms.map((t) => [t.base.key, { coef: t.coef * c, base: t.base }])));
  }

  negate(e: Expr): Expr {
    return this.scale(-1, e);
  }

  mul(a: Expr, b: Expr): Expr {
    if (this.expand && (isProperSum(a) || isProperSum(b))) {
      const left = termsOf(a);
      const right = termsOf(b);
      if ((left.terms.length + 1) * (right.terms.length + 1) <= MAX_EXPANDED_TERMS) return this.expandProduct(left, right);
    }
    const left = this.factorsOf(a);
    const right = this.factorsOf(b);
    const factors = new Map<string, Factor>();
    for (const f of [...left.factors, ...right.factors]) {
      const previous = factors.get(f.base.key);
      factors.set(f.base.key, { base: f.base, exponent: (previous?.exponent ?? 0) + f.exponent });
    }
    return this.scale(left.coef * right.coef, makeProduct(factors));
  }

  /** `e^k` for a whole number k. */
  pow(e: Expr, k: number): Expr {
    if (k === 0) return constant(1);
    if (e.kind === 'const') return constant(e.value ** k);
    if (this.expand && k > 1 && k <= MAX_EXPANDED_POWER && isProperSum(e)) {
      let result: Expr = e;
      for (let i = 1; i < k; i++) result = this.mul(result, e);
      return result;
    }
    const { coef, factors } = this.factorsOf(e);
    if (coef === 0 && k < 0) throw new AlgebraLimit('division by zero');
    return this.scale(coef ** k, makeProduct(new Map(factors.map((f) => [f.base.key, { base: f.base, exponent: f.exponent * k }]))));
  }

  div(a: Expr, b: Expr): Expr {
    return this.mul(a, this.pow(b, -1));
  }

  /**
   * `op(args)` as a function: folded when every argument is constant and the value finite;
   * otherwise the op's algebra drops or moves a sign (even and odd ops) and merges idempotent
   * and involutive applications.
   */
  call(spec: OpSpec, args: readonly Expr[]): Expr {
    if (args.every((a) => a.kind === 'const')) {
      const value = spec.evaluate(...args.map((a) => (a as { value: number }).value));
      if (Number.isFinite(value)) return constant(value);
    }
    const { even, odd, idempotent, involution } = spec.algebra;
    if (args.length === 1) {
      const [arg] = args as [Expr];
      if (even === true && leadingSign(arg) < 0) return callExpr(spec.name, [this.negate(arg)]);
      if (odd === true && leadingSign(arg) < 0) return this.negate(callExpr(spec.name, [this.negate(arg)]));
      if (involution === true && arg.kind === 'call' && arg.op === spec.name) return arg.args[0]!;
    }
    if (args.length === 2 && idempotent === true && args[0]!.key === args[1]!.key) return args[0]!;
    const ordered = spec.commutative ? [...args].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)) : args;
    return callExpr(spec.name, ordered);
  }

  private expandProduct(left: { constant: number; terms: Term[] }, right: { constant: number; terms: Term[] }): Expr {
    const pieces = (side: { constant: number; terms: Term[] }): Expr[] => [
      ...(side.constant === 0 ? [] : [constant(side.constant)]),
      ...side.terms.map((t) => this.scale(t.coef, t.base)),
    ];
    let total: Expr = constant(0);
    const inner = new AlgebraBuilder(false, this.monic);
    for (const a of pieces(left)) for (const b of pieces(right)) total = this.add(total, inner.mul(a, b));
    return total;
  }

  /**
   * `e` as `coef · Π base^k`. A sum becomes one factor, its sign taken out so that `(a − b)`
   * and `(b − a)` share a base and cancel.
   */
  private factorsOf(e: Expr): { coef: number; factors: Factor[] } {
    switch (e.kind) {
      case 'const':
        return { coef: e.value, factors: [] };
      case 'product':
        return { coef: 1, factors: [...e.factors] };
      case 'sum': {
        if (e.terms.length === 1 && e.constant === 0) {
          const inner = this.factorsOf(e.terms[0]!.base);
          return { coef: e.terms[0]!.coef * inner.coef, factors: inner.factors };
        }
        const lead = this.monic ? e.terms[0]!.coef : leadingSign(e);
        return { coef: lead, factors: [{ base: lead === 1 ? e : divideCoefficients(e, lead), exponent: 1 }] };
      }
      default:
        return { coef: 1, factors: [{ base: e, exponent: 1 }] };
    }
  }
}

/** `s / k`, each coefficient divided (so the one equal to k becomes exactly 1). */
function divideCoefficients(s: SumExpr, k: number): Expr {
  return makeSum(s.constant / k, new Map(s.terms.map((t) => [t.base.key, { coef: t.coef / k, base: t.base }])));
}

/** A sum with more than one piece (a constant counts as one). */
function isProperSum(e: Expr): boolean {
  return e.kind === 'sum' && (e.terms.length > 1 || e.constant !== 0);
}
