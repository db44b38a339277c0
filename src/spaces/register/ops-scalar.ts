import type { OpSpec } from './op-spec.ts';
import { scalarBinary, scalarUnary } from './op-builders.ts';

// min/max pick the first operand unless the second is strictly better, so NaN in the
// second operand is ignored and NaN in the first is kept (one rule for every kind).
const min = (a: number, b: number): number => (a < b ? a : b);
const max = (a: number, b: number): number => (a > b ? a : b);

/** Scalar arithmetic, trigonometry, exp/log, heaviside and abs (AutoML-Zero OP1–OP15, OP44, OP47). */
export const SCALAR_OPS: readonly OpSpec[] = [
  scalarBinary('SCALAR_SUM_OP', 1, 's[out] = s[in1] + s[in2]', (a, b) => a + b, (a, b) => `${a} + ${b}`, (a, b) => `${a} + ${b}`),
  scalarBinary('SCALAR_DIFF_OP', 2, 's[out] = s[in1] - s[in2]', (a, b) => a - b, (a, b) => `${a} - ${b}`, (a, b) => `${a} - ${b}`),
  scalarBinary('SCALAR_PRODUCT_OP', 3, 's[out] = s[in1] * s[in2]', (a, b) => a * b, (a, b) => `${a} * ${b}`, (a, b) => `${a} * ${b}`),
  scalarBinary('SCALAR_DIVISION_OP', 4, 's[out] = s[in1] / s[in2]', (a, b) => a / b, (a, b) => `${a} / ${b}`, (a, b) => `${a} / ${b}`),
  scalarUnary('SCALAR_ABS_OP', 5, 's[out] = |s[in1]|', Math.abs, (a) => `Math.abs(${a})`, (a) => `abs(${a})`),
  scalarUnary('SCALAR_RECIPROCAL_OP', 6, 's[out] = 1 / s[in1]', (a) => 1 / a, (a) => `1 / ${a}`, (a) => `1 / ${a}`),
  scalarUnary('SCALAR_SIN_OP', 7, 's[out] = sin(s[in1])', Math.sin, (a) => `Math.sin(${a})`, (a) => `sin(${a})`),
  scalarUnary('SCALAR_COS_OP', 8, 's[out] = cos(s[in1])', Math.cos, (a) => `Math.cos(${a})`, (a) => `cos(${a})`),
  scalarUnary('SCALAR_TAN_OP', 9, 's[out] = tan(s[in1])', Math.tan, (a) => `Math.tan(${a})`, (a) => `tan(${a})`),
  scalarUnary('SCALAR_ARCSIN_OP', 10, 's[out] = arcsin(s[in1])', Math.asin, (a) => `Math.asin(${a})`, (a) => `arcsin(${a})`),
  scalarUnary('SCALAR_ARCCOS_OP', 11, 's[out] = arccos(s[in1])', Math.acos, (a) => `Math.acos(${a})`, (a) => `arccos(${a})`),
  scalarUnary('SCALAR_ARCTAN_OP', 12, 's[out] = arctan(s[in1])', Math.atan, (a) => `Math.atan(${a})`, (a) => `arctan(${a})`),
  scalarUnary('SCALAR_EXP_OP', 13, 's[out] = exp(s[in1])', Math.exp, (a) => `Math.exp(${a})`, (a) => `exp(${a})`),
  scalarUnary('SCALAR_LOG_OP', 14, 's[out] = ln(s[in1])', Math.log, (a) => `Math.log(${a})`, (a) => `log(${a})`),
  scalarUnary(
    'SCALAR_HEAVYSIDE_OP',
    15,
    's[out] = 1 if s[in1] >= 0 else 0 (the scalar step includes 0, as in AutoML-Zero; the vector and matrix steps do not)',
    (a) => (a >= 0 ? 1 : 0),
    (a) => `(${a} >= 0 ? 1 : 0)`,
    (a) => `heaviside(${a}, 1.0)`,
  ),
  scalarBinary('SCALAR_MIN_OP', 44, 's[out] = min(s[in1], s[in2])', min, (a, b) => `(${a} < ${b} ? ${a} : ${b})`, (a, b) => `minimum(${a}, ${b})`),
  scalarBinary('SCALAR_MAX_OP', 47, 's[out] = max(s[in1], s[in2])', max, (a, b) => `(${a} > ${b} ? ${a} : ${b})`, (a, b) => `maximum(${a}, ${b})`),
];
