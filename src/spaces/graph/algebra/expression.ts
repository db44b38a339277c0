/**
 * A canonical expression tree for algebraic simplification. Sums hold a constant and terms
 * `coef·base` with distinct bases; products hold factors `base^k` (integer k ≠ 0) with distinct
 * bases and no coefficient (a scaled product is a one-term sum). Every node carries a key, equal
 * for equal canonical forms, so like terms and like factors are found by key.
 */
export type Expr = ConstExpr | VarExpr | SumExpr | ProductExpr | CallExpr;

/** A finite number. */
export interface ConstExpr {
  readonly kind: 'const';
  readonly key: string;
  readonly value: number;
}

/** Input `index` of the program. */
export interface VarExpr {
  readonly kind: 'var';
  readonly key: string;
  readonly index: number;
}

/** `coef·base`, base neither a constant nor a sum. */
export interface Term {
  readonly coef: number;
  readonly base: Expr;
}

/** `constant + Σ coef·base`: never a bare constant and never a lone `1·base`. */
export interface SumExpr {
  readonly kind: 'sum';
  readonly key: string;
  readonly constant: number;
  readonly terms: readonly Term[];
}

/** `base^exponent`, base a variable, a call or a sum whose leading coefficient is positive. */
export interface Factor {
  readonly base: Expr;
  readonly exponent: number;
}

/** `Π base^exponent`: never empty and never a lone `base^1`. */
export interface ProductExpr {
  readonly kind: 'product';
  readonly key: string;
  readonly factors: readonly Factor[];
}

/** An op the algebra treats as a function of its (simplified) arguments. */
export interface CallExpr {
  readonly kind: 'call';
  readonly key: string;
  readonly op: string;
  readonly args: readonly Expr[];
}

/** Thrown when a canonical form would hold a non-finite number or grow too large; the caller keeps the op as it was. */
export class AlgebraLimit extends Error {}

/** Longest key a node may have: deeply shared DAGs expand exponentially as trees. */
const MAX_KEY_LENGTH = 20_000;

function checked(key: string): string {
  if (key.length > MAX_KEY_LENGTH) throw new AlgebraLimit('expression too large');
  return key;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new AlgebraLimit('non-finite constant');
  return value === 0 ? 0 : value;
}

export function constant(value: number): ConstExpr {
  const v = finite(value);
  return { kind: 'const', key: `${v}`, value: v };
}

export function variable(index: number): VarExpr {
  return { kind: 'var', key: `x${index}`, index };
}

export function callExpr(op: string, args: readonly Expr[]): CallExpr {
  return { kind: 'call', key: checked(`${op}(${args.map((a) => a.key).join(',')})`), op, args };
}

/** Rough polynomial degree, for ordering terms highest first (`x³ + x² + x`). */
export function degree(e: Expr): number {
  switch (e.kind) {
    case 'const':
      return 0;
    case 'var':
    case 'call':
      return 1;
    case 'sum':
      return Math.max(...e.terms.map((t) => degree(t.base)));
    case 'product':
      return e.factors.reduce((total, f) => total + (f.exponent > 0 ? f.exponent * degree(f.base) : 0), 0);
  }
}

const RANK = { const: 0, var: 1, call: 2, product: 3, sum: 4 } as const;

/** Factor order: inputs by index, then calls, then sums. */
export function compareFactors(a: Expr, b: Expr): number {
  const byRank = RANK[a.kind] - RANK[b.kind];
  if (byRank !== 0) return byRank;
  if (a.kind === 'var' && b.kind === 'var') return a.index - b.index;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Term order: highest degree first, then as factors. */
export function compareTerms(a: Expr, b: Expr): number {
  return degree(b) - degree(a) || compareFactors(a, b);
}

/** A sum from its constant and terms by base key, zero terms dropped; collapses to a constant or a lone base. */
export function makeSum(constantPart: number, terms: ReadonlyMap<string, Term>): Expr {
  const kept = [...terms.values()].filter((t) => finite(t.coef) !== 0).sort((a, b) => compareTerms(a.base, b.base));
  const c = finite(constantPart);
  if (kept.length === 0) return constant(c);
  if (kept.length === 1 && c === 0 && kept[0]!.coef === 1) return kept[0]!.base;
  const key = checked(`[${kept.map((t) => `${t.coef}*${t.base.key}`).join('+')}+${c}]`);
  return { kind: 'sum', key, constant: c, terms: kept };
}

/** A product from its factors by base key, zero exponents dropped; collapses to 1 or a lone base. */
export function makeProduct(factors: ReadonlyMap<string, Factor>): Expr {
  const kept = [...factors.values()].filter((f) => f.exponent !== 0).sort((a, b) => compareFactors(a.base, b.base));
  if (kept.length === 0) return constant(1);
  if (kept.length === 1 && kept[0]!.exponent === 1) return kept[0]!.base;
  const key = checked(`(${kept.map((f) => `${f.base.key}^${f.exponent}`).join('*')})`);
  return { kind: 'product', key, factors: kept };
}

/** `e` as `constant + Σ coef·base`. */
export function termsOf(e: Expr): { constant: number; terms: Term[] } {
  if (e.kind === 'const') return { constant: e.value, terms: [] };
  if (e.kind === 'sum') return { constant: e.constant, terms: [...e.terms] };
  return { constant: 0, terms: [{ coef: 1, base: e }] };
}

/** The sign of `e`'s leading coefficient: −1 when `e` reads as a negated expression. */
export function leadingSign(e: Expr): number {
  if (e.kind === 'const') return Math.sign(e.value);
  if (e.kind === 'sum') return Math.sign(e.terms[0]!.coef);
  return 1;
}
