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
  tanh: { forward: 'Math.tanh(x)', gradient: 'g * (1 - y * y)' },
  sigmoid: { forward: '1 / (1 + Math.exp(-x))', gradient: 'g * y * (1 - y)' },
  relu: { forward: '(x > 0 ? x : 0)', gradient: '(x > 0 ? g : 0)' },
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
