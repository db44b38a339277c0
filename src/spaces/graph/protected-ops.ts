import { defineOp, type OpSpec } from './ops.ts';
import { PRECEDENCE, atom, infixAbs, infixBinary, infixCall, infixPower, latexAbs, latexCall, latexFraction, latexPower, latexSqrt } from './print-forms.ts';

/**
 * Protected ops for symbolic regression: defined wherever the raw op is not, so a formula
 * never turns into NaN or Infinity by accident of its inputs.
 *
 * - pdiv(a, b) = a / b, or 1 when |b| < 1e-12 (Koza's convention of 1 for a zero
 *   denominator, widened to tiny ones so the quotient cannot explode).
 * - pinv(a) = pdiv(1, a).
 * - plog(a) = log|a|, and 0 at a = 0.
 * - psqrt(a) = √|a|.
 * - pexp(a) = e^min(a, 80): e^80 ≈ 5.5e34 stays finite even in float32.
 * - ppow(a, b) = |a|^b, and 0 when |a| < 1e-12 (so no negative power of zero).
 *
 * NaN operands still give NaN. The infix and LaTeX printers show the plain math (`a / b`,
 * `log(|a|)`); `toJS` and `toC` keep the guards.
 */

/** Denominators (and pow bases) smaller than this in magnitude take the protected branch. */
export const PROTECTED_EPSILON = 1e-12;

const quotient = infixBinary(' / ', ' / ', PRECEDENCE.product, false);

/** The protected ops, by name. */
export const protectedOps: readonly OpSpec[] = [
  defineOp({
    name: 'pdiv', arity: 2, cost: 5, algebra: { identity: 1, selfValue: 1 },
    emit: ([a, b]) => `(Math.abs(${b}) < 1e-12 ? 1 : ${a} / ${b})`,
    evaluate: (a, b) => (Math.abs(b) < 1e-12 ? 1 : a / b),
    infix: quotient, latex: latexFraction,
    c: ([a, b]) => `(fabs(${b}) < 1e-12 ? 1.0 : ${a} / ${b})`,
    numpy: ([a, b]) => `np.where(np.abs(${b}) < 1e-12, 1.0, ${a} / np.where(np.abs(${b}) < 1e-12, 1.0, ${b}))`,
    sympy: ([a, b]) => `(${a} / ${b})`,
    description: 'a / b, or 1 when |b| < 1e-12',
  }),
  defineOp({
    name: 'pinv', arity: 1, cost: 5,
    emit: ([a]) => `(Math.abs(${a}) < 1e-12 ? 1 : 1 / ${a})`,
    evaluate: (a) => (Math.abs(a) < 1e-12 ? 1 : 1 / a),
    infix: ([a], style) => quotient([atom('1'), a!], style), latex: ([a]) => latexFraction([atom('1'), a!]),
    c: ([a]) => `(fabs(${a}) < 1e-12 ? 1.0 : 1.0 / ${a})`,
    numpy: ([a]) => `np.where(np.abs(${a}) < 1e-12, 1.0, 1.0 / np.where(np.abs(${a}) < 1e-12, 1.0, ${a}))`,
    sympy: ([a]) => `(1 / ${a})`,
    description: '1 / a, or 1 when |a| < 1e-12',
  }),
  defineOp({
    name: 'plog', arity: 1, cost: 10, algebra: { even: true },
    emit: ([a]) => `(${a} === 0 ? 0 : Math.log(Math.abs(${a})))`,
    evaluate: (a) => (a === 0 ? 0 : Math.log(Math.abs(a))),
    infix: ([a], style) => infixCall('log')([infixAbs([a!], style)], style),
    latex: ([a]) => latexCall('\\log')([latexAbs([a!])]),
    c: ([a]) => `(${a} == 0.0 ? 0.0 : log(fabs(${a})))`,
    numpy: ([a]) => `np.where(${a} == 0, 0.0, np.log(np.abs(np.where(${a} == 0, 1.0, ${a}))))`,
    sympy: ([a]) => `log(Abs(${a}))`,
    description: 'log|a|, and 0 at 0',
  }),
  defineOp({
    name: 'psqrt', arity: 1, cost: 4, algebra: { even: true },
    emit: ([a]) => `Math.sqrt(Math.abs(${a}))`,
    evaluate: (a) => Math.sqrt(Math.abs(a)),
    infix: ([a], style) => infixCall('sqrt')([infixAbs([a!], style)], style),
    latex: ([a]) => latexSqrt([latexAbs([a!])]),
    c: ([a]) => `sqrt(fabs(${a}))`,
    numpy: ([a]) => `np.sqrt(np.abs(${a}))`,
    sympy: ([a]) => `sqrt(Abs(${a}))`,
    description: '√|a|',
  }),
  defineOp({
    name: 'pexp', arity: 1, cost: 10,
    emit: ([a]) => `Math.exp(Math.min(${a}, 80))`,
    evaluate: (a) => Math.exp(Math.min(a, 80)),
    infix: infixCall('exp'), latex: latexCall('\\exp'),
    // fmin would turn NaN into 80; the ternary keeps NaN as in JS.
    c: ([a]) => `exp(${a} > 80.0 ? 80.0 : ${a})`,
    numpy: ([a]) => `np.exp(np.minimum(${a}, 80.0))`,
    sympy: ([a]) => `exp(${a})`,
    description: 'e^a with a clamped to at most 80',
  }),
  defineOp({
    name: 'ppow', arity: 2, cost: 16,
    emit: ([a, b]) => `(Math.abs(${a}) < 1e-12 ? 0 : Math.pow(Math.abs(${a}), ${b}))`,
    evaluate: (a, b) => (Math.abs(a) < 1e-12 ? 0 : Math.pow(Math.abs(a), b)),
    infix: ([a, b], style) => infixPower([infixAbs([a!], style), b!], style),
    latex: ([a, b]) => latexPower([latexAbs([a!]), b!]),
    c: ([a, b]) => `(fabs(${a}) < 1e-12 ? 0.0 : pow(fabs(${a}), ${b}))`,
    numpy: ([a, b]) => `np.where(np.abs(${a}) < 1e-12, 0.0, np.power(np.abs(np.where(np.abs(${a}) < 1e-12, 1.0, ${a})), ${b}))`,
    sympy: ([a, b]) => `(Abs(${a})**${b})`,
    description: '|a|^b, and 0 when |a| < 1e-12',
  }),
];
