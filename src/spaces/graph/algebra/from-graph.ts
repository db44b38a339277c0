import { isConst, type Graph } from '../graph.ts';
import type { OpSet } from '../op-set.ts';
import type { OpSpec } from '../ops.ts';
import { PROTECTED_EPSILON } from '../protected-ops.ts';
import type { AlgebraBuilder } from './builder.ts';
import { AlgebraLimit, constant, variable, type Expr } from './expression.ts';

type ArithmeticRule = (b: AlgebraBuilder, args: readonly Expr[]) => Expr | undefined;

/** Largest whole exponent of `pow` read as a power (larger ones stay calls). */
const MAX_WHOLE_EXPONENT = 16;

function wholeExponent(e: Expr | undefined): number | undefined {
  return e?.kind === 'const' && Number.isInteger(e.value) && Math.abs(e.value) <= MAX_WHOLE_EXPONENT ? e.value : undefined;
}

/** The protected quotient `a / b` (1 when |b| < PROTECTED_EPSILON) as algebra: exact for a constant b. */
function protectedQuotient(b: AlgebraBuilder, a: Expr, d: Expr): Expr {
  if (d.kind === 'const' && Math.abs(d.value) < PROTECTED_EPSILON) return constant(1);
  return b.div(a, d);
}

/**
 * The ops the algebra understands, by name, as operations on canonical expressions; any
 * other op is a function call over simplified arguments. A rule returning undefined leaves
 * its op a call (`pow` with a fractional exponent). Protected ops read as their plain math
 * away from the guard; the caller checks the result on data.
 */
const ARITHMETIC: { readonly [op: string]: ArithmeticRule } = {
  add: (b, [x, y]) => b.add(x!, y!),
  sub: (b, [x, y]) => b.add(x!, b.negate(y!)),
  mul: (b, [x, y]) => b.mul(x!, y!),
  neg: (b, [x]) => b.negate(x!),
  fma: (b, [x, y, z]) => b.add(b.mul(x!, y!), z!),
  square: (b, [x]) => b.pow(x!, 2),
  cube: (b, [x]) => b.pow(x!, 3),
  div: (b, [x, y]) => (y!.kind === 'const' && y!.value === 0 ? undefined : b.div(x!, y!)),
  inv: (b, [x]) => (x!.kind === 'const' && x!.value === 0 ? undefined : b.pow(x!, -1)),
  pdiv: (b, [x, y]) => protectedQuotient(b, x!, y!),
  pinv: (b, [x]) => protectedQuotient(b, constant(1), x!),
  pow: (b, [x, y]) => {
    const k = wholeExponent(y);
    return k === undefined ? undefined : b.pow(x!, k);
  },
  // |a|^k is a^k for even k; the guard (0 below |a| < 1e-12) is a^k's own value there up to 1e-24.
  ppow: (b, [x, y]) => {
    const k = wholeExponent(y);
    return k === undefined || k <= 0 || k % 2 !== 0 ? undefined : b.pow(x!, k);
  },
};

/** True when the algebra reads `op` as arithmetic rather than as a function call. */
export function isArithmetic(op: string): boolean {
  return op in ARITHMETIC;
}

/** `spec(args)` in canonical form: its arithmetic rule, else a call. */
function apply(b: AlgebraBuilder, spec: OpSpec, args: readonly Expr[]): Expr {
  const rule = ARITHMETIC[spec.name];
  try {
    const result = rule?.(b, args);
    if (result !== undefined) return result;
  } catch (error) {
    if (!(error instanceof AlgebraLimit)) throw error;
  }
  return b.call(spec, args);
}

/** The canonical expression of each output of `g` (one shared node per vertex). */
export function expressionsOf(g: Graph, ops: OpSet, b: AlgebraBuilder): Expr[] {
  const values: Expr[] = Array.from({ length: g.inputs }, (_, i) => variable(i));
  for (const v of g.vertices) {
    if (isConst(v)) {
      values.push(constant(v.const));
      continue;
    }
    const spec = ops.find(v.op);
    if (spec === undefined) throw new RangeError(`unknown op '${v.op}'`);
    values.push(apply(b, spec, v.args.map((a) => values[a]!)));
  }
  return g.outputs.map((id) => values[id]!);
}
