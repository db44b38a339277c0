import { defineOp, type Algebra, type OpSpec } from './ops.ts';
import {
  PRECEDENCE,
  atom,
  infixAbs,
  infixBinary,
  infixCall,
  infixFixedPower,
  infixNegate,
  infixPower,
  latexAbs,
  latexBinary,
  latexCall,
  latexFraction,
  latexNegate,
  latexPower,
  latexSqrt,
} from './print-forms.ts';

/*
 * The IEEE ops: each `emit` and `evaluate` compute the same double, bit for bit (the
 * conformance test runs both). Costs are rough relative latencies (add = 1).
 */

const sum = infixBinary(' + ', ' + ', PRECEDENCE.sum, true);
const difference = infixBinary(' - ', ' − ', PRECEDENCE.sum, false);
const product = infixBinary(' * ', '·', PRECEDENCE.product, true);
const quotient = infixBinary(' / ', ' / ', PRECEDENCE.product, false);
const latexSum = latexBinary('+', PRECEDENCE.sum, true);
const latexDifference = latexBinary('-', PRECEDENCE.sum, false);
const latexProduct = latexBinary('\\cdot', PRECEDENCE.product, true);

/** A one-argument `Math.f` op printed as `f(x)`. */
function mathFunction(name: string, latexCommand: string, cost: number, description: string, algebra: Algebra = {}): OpSpec {
  return defineOp({
    name,
    arity: 1,
    cost,
    algebra,
    emit: ([a]) => `Math.${name}(${a})`,
    evaluate: Math[name as 'sin'],
    infix: infixCall(name),
    latex: latexCall(latexCommand),
    c: ([a]) => `${name}(${a})`,
    numpy: ([a]) => `np.${name}(${a})`,
    sympy: ([a]) => `${name}(${a})`,
    description,
  });
}

/** The IEEE ops, by name. */
export const ieeeOps: readonly OpSpec[] = [
  defineOp({
    name: 'add', arity: 2, commutative: true, cost: 1, algebra: { identity: 0 },
    emit: ([a, b]) => `(${a} + ${b})`, evaluate: (a, b) => a + b,
    infix: sum, latex: latexSum, c: ([a, b]) => `(${a} + ${b})`,
    numpy: ([a, b]) => `(${a} + ${b})`, sympy: ([a, b]) => `(${a} + ${b})`, description: 'a + b',
  }),
  defineOp({
    name: 'sub', arity: 2, cost: 1, algebra: { identity: 0, selfValue: 0 },
    emit: ([a, b]) => `(${a} - ${b})`, evaluate: (a, b) => a - b,
    infix: difference, latex: latexDifference, c: ([a, b]) => `(${a} - ${b})`,
    numpy: ([a, b]) => `(${a} - ${b})`, sympy: ([a, b]) => `(${a} - ${b})`, description: 'a - b',
  }),
  defineOp({
    name: 'mul', arity: 2, commutative: true, cost: 1, algebra: { identity: 1, absorbing: 0 },
    emit: ([a, b]) => `(${a} * ${b})`, evaluate: (a, b) => a * b,
    infix: product, latex: latexProduct, c: ([a, b]) => `(${a} * ${b})`,
    numpy: ([a, b]) => `(${a} * ${b})`, sympy: ([a, b]) => `(${a} * ${b})`, description: 'a * b',
  }),
  defineOp({
    name: 'div', arity: 2, cost: 4, algebra: { identity: 1, selfValue: 1 },
    emit: ([a, b]) => `(${a} / ${b})`, evaluate: (a, b) => a / b,
    infix: quotient, latex: latexFraction, c: ([a, b]) => `(${a} / ${b})`,
    numpy: ([a, b]) => `(${a} / ${b})`, sympy: ([a, b]) => `(${a} / ${b})`, description: 'a / b (IEEE: ±Infinity or NaN at b = 0)',
  }),
  defineOp({
    name: 'neg', arity: 1, cost: 1, algebra: { involution: true },
    emit: ([a]) => `(-${a})`, evaluate: (a) => -a,
    infix: infixNegate, latex: latexNegate, c: ([a]) => `(-${a})`,
    numpy: ([a]) => `(-${a})`, sympy: ([a]) => `(-${a})`, description: '-a',
  }),
  defineOp({
    name: 'inv', arity: 1, cost: 4,
    emit: ([a]) => `(1 / ${a})`, evaluate: (a) => 1 / a,
    infix: ([a], style) => quotient([atom('1'), a!], style), latex: ([a]) => latexFraction([atom('1'), a!]),
    c: ([a]) => `(1.0 / ${a})`, description: '1 / a',
    numpy: ([a]) => `(1.0 / ${a})`, sympy: ([a]) => `(1 / ${a})`,
  }),
  defineOp({
    name: 'square', arity: 1, cost: 1,
    emit: ([a]) => `(${a} * ${a})`, evaluate: (a) => a * a,
    infix: infixFixedPower('2', '²'), latex: ([a]) => latexPower([a!, atom('2')]), c: ([a]) => `(${a} * ${a})`, description: 'a²',
    numpy: ([a]) => `(${a} * ${a})`, sympy: ([a]) => `(${a}**2)`,
  }),
  defineOp({
    name: 'cube', arity: 1, cost: 2,
    emit: ([a]) => `(${a} * ${a} * ${a})`, evaluate: (a) => a * a * a,
    infix: infixFixedPower('3', '³'), latex: ([a]) => latexPower([a!, atom('3')]), c: ([a]) => `(${a} * ${a} * ${a})`, description: 'a³',
    numpy: ([a]) => `(${a} * ${a} * ${a})`, sympy: ([a]) => `(${a}**3)`,
  }),
  defineOp({
    name: 'sqrt', arity: 1, cost: 4,
    emit: ([a]) => `Math.sqrt(${a})`, evaluate: Math.sqrt,
    infix: infixCall('sqrt'), latex: latexSqrt, c: ([a]) => `sqrt(${a})`,
    numpy: ([a]) => `np.sqrt(${a})`, sympy: ([a]) => `sqrt(${a})`, description: '√a (NaN below 0)',
  }),
  mathFunction('exp', '\\exp', 10, 'e^a'),
  mathFunction('log', '\\log', 10, 'natural log (NaN below 0, -Infinity at 0)'),
  mathFunction('sin', '\\sin', 10, 'sine', { odd: true }),
  mathFunction('cos', '\\cos', 10, 'cosine', { even: true }),
  mathFunction('tan', '\\tan', 12, 'tangent', { odd: true }),
  mathFunction('tanh', '\\tanh', 10, 'hyperbolic tangent', { odd: true }),
  defineOp({
    name: 'abs', arity: 1, cost: 1, algebra: { even: true },
    emit: ([a]) => `Math.abs(${a})`, evaluate: Math.abs,
    infix: infixAbs, latex: latexAbs, c: ([a]) => `fabs(${a})`,
    numpy: ([a]) => `np.abs(${a})`, sympy: ([a]) => `Abs(${a})`, description: '|a|',
  }),
  defineOp({
    name: 'pow', arity: 2, cost: 16, algebra: { identity: 1 },
    emit: ([a, b]) => `Math.pow(${a}, ${b})`, evaluate: Math.pow,
    infix: infixPower, latex: latexPower, c: ([a, b]) => `pow(${a}, ${b})`,
    numpy: ([a, b]) => `np.power(${a}, ${b})`, sympy: ([a, b]) => `(${a}**${b})`, description: 'a^b (NaN for a < 0 and fractional b)',
  }),
  defineOp({
    name: 'fma', arity: 3, cost: 2,
    // Not fused: a*b is rounded before the add, exactly as in JS.
    emit: ([a, b, c]) => `(${a} * ${b} + ${c})`, evaluate: (a, b, c) => a * b + c,
    infix: ([a, b, c], style) => sum([product([a!, b!], style), c!], style),
    latex: ([a, b, c]) => latexSum([latexProduct([a!, b!]), c!]),
    c: ([a, b, c]) => `(${a} * ${b} + ${c})`,
    numpy: ([a, b, c]) => `(${a} * ${b} + ${c})`, sympy: ([a, b, c]) => `(${a} * ${b} + ${c})`, description: 'a * b + c (rounded twice, not fused)',
  }),
  defineOp({
    name: 'max', arity: 2, commutative: true, cost: 1, algebra: { idempotent: true },
    emit: ([a, b]) => `Math.max(${a}, ${b})`, evaluate: Math.max,
    infix: infixCall('max'), latex: latexCall('\\max'), c: ([a, b]) => `fmax(${a}, ${b})`,
    numpy: ([a, b]) => `np.maximum(${a}, ${b})`, sympy: ([a, b]) => `Max(${a}, ${b})`, description: 'larger of a and b (NaN if either is)',
  }),
  defineOp({
    name: 'min', arity: 2, commutative: true, cost: 1, algebra: { idempotent: true },
    emit: ([a, b]) => `Math.min(${a}, ${b})`, evaluate: Math.min,
    infix: infixCall('min'), latex: latexCall('\\min'), c: ([a, b]) => `fmin(${a}, ${b})`,
    numpy: ([a, b]) => `np.minimum(${a}, ${b})`, sympy: ([a, b]) => `Min(${a}, ${b})`, description: 'smaller of a and b (NaN if either is)',
  }),
];
