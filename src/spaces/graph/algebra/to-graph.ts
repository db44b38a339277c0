import { normalizeGraph } from '../draft.ts';
import type { Graph, Vertex } from '../graph.ts';
import type { Expr, Factor, SumExpr, Term } from './expression.ts';

/**
 * The ops `toGraph` may write besides the calls the expression holds. Quotients are written
 * with IEEE `div`, as the algebra reads them: a protected op's guard belongs to the operand it
 * guarded, which collecting factors merges into others (x0³ in a denominator becomes x0¹⁸).
 */
export const WRITING_OPS: readonly string[] = ['add', 'sub', 'mul', 'neg', 'square', 'cube', 'pow', 'div'];

/**
 * Writes canonical expressions back as a graph over `inputs` inputs: sums as a chain of `+`
 * and `−` with the constant last (first when every term is negative), a coefficient shared by
 * every term taken outside, `c·x·y / z` for products with negative powers, `x²`, `x³` and
 * `x^k` for powers. Equal subexpressions become one vertex.
 */
export function toGraph(inputs: number, outputs: readonly Expr[]): Graph {
  const vertices: Vertex[] = [];
  const interned = new Map<string, number>();
  const vertex = (key: string, make: () => Vertex): number => {
    let id = interned.get(key);
    if (id === undefined) {
      id = inputs + vertices.push(make()) - 1;
      interned.set(key, id);
    }
    return id;
  };
  const num = (value: number) => vertex(`#${value}`, () => ({ const: value }));
  const op = (name: string, args: number[]) => vertex(`${name}(${args.join(',')})`, () => ({ op: name, args }));

  const write = (e: Expr): number => {
    switch (e.kind) {
      case 'const':
        return num(e.value);
      case 'var':
        return e.index;
      case 'call':
        return op(e.op, e.args.map(write));
      case 'product':
        return writeTerm(1, e);
      case 'sum':
        return writeSum(e);
    }
  };

  const power = (f: Factor, exponent: number): number => {
    const base = write(f.base);
    if (exponent === 1) return base;
    if (exponent === 2) return op('square', [base]);
    if (exponent === 3) return op('cube', [base]);
    return op('pow', [base, num(exponent)]);
  };
  const chain = (ids: number[]): number | undefined => ids.reduce<number | undefined>((acc, id) => (acc === undefined ? id : op('mul', [acc, id])), undefined);

  /** `magnitude·base` for a positive magnitude. */
  const writeTerm = (magnitude: number, base: Expr): number => {
    const factors = base.kind === 'product' ? base.factors : [{ base, exponent: 1 }];
    // 0.5·x reads better as x / 2, and 0.333333·a / b as a / (3·b).
    const divided = dividesBetter(magnitude);
    const coefficient = magnitude === 1 || divided ? [] : [num(magnitude)];
    const numerator = chain([...coefficient, ...factors.filter((f) => f.exponent > 0).map((f) => power(f, f.exponent))]);
    const denominator = chain([...(divided ? [num(Math.round(1 / magnitude))] : []), ...factors.filter((f) => f.exponent < 0).map((f) => power(f, -f.exponent))]);
    if (denominator === undefined) return numerator!;
    return op('div', [numerator ?? num(1), denominator]);
  };

  const writeSum = (s: SumExpr): number => {
    const common = commonCoefficient(s.terms);
    const terms = s.terms.map((t) => ({ coef: t.coef / common, base: t.base }));
    const constantPart = s.constant / common;
    let acc: number | undefined;
    const append = (negative: boolean, id: number) => {
      acc = acc === undefined ? (negative ? op('neg', [id]) : id) : op(negative ? 'sub' : 'add', [acc, id]);
    };
    const constantFirst = constantPart > 0 && terms.every((t) => t.coef < 0);
    if (constantFirst) append(false, num(constantPart));
    for (const t of terms) append(t.coef < 0, writeTerm(Math.abs(t.coef), t.base));
    if (!constantFirst && constantPart !== 0) append(constantPart < 0, num(Math.abs(constantPart)));
    return common === 1 ? acc! : op('mul', [num(common), acc!]);
  };

  const outputIds = outputs.map(write);
  return normalizeGraph(inputs, vertices, outputIds);
}

/**
 * The coefficient worth taking outside a sum: the term magnitude that leaves the fewest
 * coefficients other than ±1 (counting the one taken out), or 1 when none saves any.
 */
function commonCoefficient(terms: readonly Term[]): number {
  const nonUnit = (scale: number) => terms.filter((t) => Math.abs(t.coef / scale) !== 1).length;
  let best = 1;
  let bestCount = nonUnit(1);
  for (const t of terms) {
    const scale = Math.abs(t.coef);
    const count = nonUnit(scale) + 1;
    if (count < bestCount) {
      best = scale;
      bestCount = count;
    }
  }
  return best;
}

/** True when `m` is the reciprocal of a whole number (0.5, 0.333…) and not one itself: `x / 3` rather than `0.333333·x`. */
function dividesBetter(m: number): boolean {
  const reciprocal = 1 / m;
  const whole = Math.round(reciprocal);
  return m < 1 && whole > 1 && Math.abs(reciprocal - whole) <= 1e-9 * whole;
}
