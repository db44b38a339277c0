/*
 * The elementwise ops, one table: each op is its forward expression and the expression of
 * each input's gradient contribution, as JavaScript over `x` (or `a`, `b`), the output `y`,
 * the output's gradient `g`, and numeric parameters `p0`, `p1`. `elementwise.ts` compiles one
 * loop per op, so every op runs as a plain monomorphic loop over typed arrays. Nothing from
 * outside this table is ever compiled.
 */

/** One input, one output. */
export interface UnaryOpSpec {
  readonly forward: string;
  /** A cheaper forward for float32 tensors, accurate to their precision (default: `forward`). */
  readonly forward32?: string;
  /** The gradient contribution to x; '0' for ops that are flat almost everywhere. */
  readonly gradient: string;
  /** Names of numeric parameters (p0, p1, …), for ops such as clip. */
  readonly parameters?: readonly string[];
}

/** Two inputs, broadcast against each other. */
export interface BinaryOpSpec {
  readonly forward: string;
  readonly gradientA: string;
  readonly gradientB: string;
}

const SIGN = '(x > 0 ? 1 : x < 0 ? -1 : 0)';

export const UNARY_OPS = {
  neg: { forward: '-x', gradient: '-g' },
  abs: { forward: 'Math.abs(x)', gradient: `g * ${SIGN}` },
  sign: { forward: SIGN, gradient: '0' },
  square: { forward: 'x * x', gradient: '2 * x * g' },
  sqrt: { forward: 'Math.sqrt(x)', gradient: '0.5 * g / y' },
  exp: { forward: 'Math.exp(x)', gradient: 'g * y' },
  log: { forward: 'Math.log(x)', gradient: 'g / x' },
  reciprocal: { forward: '1 / x', gradient: '-g * y * y' },
  sin: { forward: 'Math.sin(x)', gradient: 'g * Math.cos(x)' },
  cos: { forward: 'Math.cos(x)', gradient: '-g * Math.sin(x)' },
  tanh: { forward: 'Math.tanh(x)', forward32: 'tanh32(x)', gradient: 'g * (1 - y * y)' },
  sigmoid: { forward: '1 / (1 + Math.exp(-x))', gradient: 'g * y * (1 - y)' },
  // Float32: (x + |x|)/2 is exact and has no branch to mispredict on mixed signs (float64
  // keeps the comparison, as x + |x| could overflow there).
  relu: { forward: '(x > 0 ? x : 0)', forward32: '0.5 * (x + Math.abs(x))', gradient: '(x > 0 ? g : 0)' },
  // log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|).
  softplus: { forward: 'Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))', gradient: 'g / (1 + Math.exp(-x))' },
  leakyRelu: { forward: '(x > 0 ? x : p0 * x)', gradient: '(x > 0 ? g : p0 * g)', parameters: ['slope'] },
  clip: { forward: '(x < p0 ? p0 : x > p1 ? p1 : x)', gradient: '(x >= p0 && x <= p1 ? g : 0)', parameters: ['min', 'max'] },
  pow: { forward: 'Math.pow(x, p0)', gradient: 'g * p0 * Math.pow(x, p0 - 1)', parameters: ['exponent'] },
} as const satisfies Record<string, UnaryOpSpec>;

export const BINARY_OPS = {
  add: { forward: 'a + b', gradientA: 'g', gradientB: 'g' },
  sub: { forward: 'a - b', gradientA: 'g', gradientB: '-g' },
  mul: { forward: 'a * b', gradientA: 'g * b', gradientB: 'g * a' },
  div: { forward: 'a / b', gradientA: 'g / b', gradientB: '-g * a / (b * b)' },
  // Ties send the gradient to the first operand, so it is never counted twice.
  minimum: { forward: '(a <= b ? a : b)', gradientA: '(a <= b ? g : 0)', gradientB: '(a <= b ? 0 : g)' },
  maximum: { forward: '(a >= b ? a : b)', gradientA: '(a >= b ? g : 0)', gradientB: '(a >= b ? 0 : g)' },
} as const satisfies Record<string, BinaryOpSpec>;

export type UnaryOpName = keyof typeof UNARY_OPS;
export type BinaryOpName = keyof typeof BINARY_OPS;

/** The forward expression of a unary op for tensors of the given element type. */
export function unaryForward(op: UnaryOpName, dtype: 'float32' | 'float64'): string {
  const spec: UnaryOpSpec = UNARY_OPS[op];
  return dtype === 'float32' ? spec.forward32 ?? spec.forward : spec.forward;
}

/*
 * Functions the expressions may call besides Math. tanh32 is tanh with a relative error
 * below 2.4e-7 (a few float32 ulps) over the whole line, at about a fifth of Math.tanh's cost
 * in V8: the odd rational approximation p(x²)·x / q(x²) that Eigen uses for float32 (its
 * coefficients), clamped at |x| = 7.905; x itself below 4e-4; exactly ±1 from |x| = 9, where
 * float32 tanh rounds to ±1.
 */
const HELPERS = `
function tanh32(x) {
  if (Math.abs(x) < 0.0004) return x;
  if (Math.abs(x) >= 9) return x > 0 ? 1 : -1;
  const c = x < -7.90531110763549805 ? -7.90531110763549805 : x > 7.90531110763549805 ? 7.90531110763549805 : x;
  // Estrin's scheme: the terms are independent, so the polynomial is a few multiplies deep, not twelve.
  const x2 = c * c, x4 = x2 * x2, x8 = x4 * x4;
  const p = (4.89352455891786e-03 + 6.37261928875436e-04 * x2) + x4 * (1.48572235717979e-05 + 5.12229709037114e-08 * x2)
    + x8 * ((-8.60467152213735e-11 + 2.00018790482477e-13 * x2) + x4 * -2.76076847742355e-16);
  const q = (4.89352518554385e-03 + 2.26843463243900e-03 * x2) + x4 * (1.18534705686654e-04 + 1.19825839466702e-06 * x2);
  return c * p / q;
}
`;

/**
 * Compiles a generated loop: `new Function(...params, body)` with the helper functions above
 * in scope (declared once per compiled function, not per call). Only sources built from this
 * table and the engine's own templates are ever compiled.
 */
export function compileKernel<T>(params: readonly string[], body: string): T {
  return new Function(`'use strict';${HELPERS}\nreturn function kernel(${params.join(', ')}) {\n${body}\n};`)() as T;
}
