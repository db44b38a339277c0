import type { OpSpec } from './op-spec.ts';
import { matrixElementwise, vectorElementwise } from './op-builders.ts';

const min = (a: number, b: number): number => (a < b ? a : b);
const max = (a: number, b: number): number => (a > b ? a : b);
const jsMin = (a: string, b: string): string => `(${a} < ${b} ? ${a} : ${b})`;
const jsMax = (a: string, b: string): string => `(${a} > ${b} ? ${a} : ${b})`;

/** Element-wise vector arithmetic, heaviside, abs, reciprocal, min and max. */
export const VECTOR_ELEMENTWISE_OPS: readonly OpSpec[] = [
  vectorElementwise('VECTOR_HEAVYSIDE_OP', 16, 'v[out][i] = 1 if v[in1][i] > 0 else 0', 1, (a) => (a > 0 ? 1 : 0), (a) => `(${a} > 0 ? 1 : 0)`, (a) => `heaviside(${a}, 1.0)`),
  vectorElementwise('VECTOR_RECIPROCAL_OP', 20, 'v[out][i] = 1 / v[in1][i]', 1, (a) => 1 / a, (a) => `1 / ${a}`, (a) => `1 / ${a}`),
  vectorElementwise('VECTOR_ABS_OP', 22, 'v[out][i] = |v[in1][i]|', 1, Math.abs, (a) => `Math.abs(${a})`, (a) => `abs(${a})`),
  vectorElementwise('VECTOR_SUM_OP', 23, 'v[out] = v[in1] + v[in2]', 2, (a, b) => a + b, (a, b) => `${a} + ${b}`, (a, b) => `${a} + ${b}`),
  vectorElementwise('VECTOR_DIFF_OP', 24, 'v[out] = v[in1] - v[in2]', 2, (a, b) => a - b, (a, b) => `${a} - ${b}`, (a, b) => `${a} - ${b}`),
  vectorElementwise('VECTOR_PRODUCT_OP', 25, 'v[out][i] = v[in1][i] * v[in2][i]', 2, (a, b) => a * b, (a, b) => `${a} * ${b}`, (a, b) => `${a} * ${b}`),
  vectorElementwise('VECTOR_DIVISION_OP', 26, 'v[out][i] = v[in1][i] / v[in2][i]', 2, (a, b) => a / b, (a, b) => `${a} / ${b}`, (a, b) => `${a} / ${b}`),
  vectorElementwise('VECTOR_MIN_OP', 45, 'v[out][i] = min(v[in1][i], v[in2][i])', 2, min, jsMin, (a, b) => `minimum(${a}, ${b})`),
  vectorElementwise('VECTOR_MAX_OP', 48, 'v[out][i] = max(v[in1][i], v[in2][i])', 2, max, jsMax, (a, b) => `maximum(${a}, ${b})`),
];

/** Element-wise matrix arithmetic, heaviside, abs, reciprocal, min and max. */
export const MATRIX_ELEMENTWISE_OPS: readonly OpSpec[] = [
  matrixElementwise('MATRIX_HEAVYSIDE_OP', 17, 'm[out][r,c] = 1 if m[in1][r,c] > 0 else 0', 1, (a) => (a > 0 ? 1 : 0), (a) => `(${a} > 0 ? 1 : 0)`, (a) => `heaviside(${a}, 1.0)`),
  matrixElementwise('MATRIX_RECIPROCAL_OP', 30, 'm[out][r,c] = 1 / m[in1][r,c]', 1, (a) => 1 / a, (a) => `1 / ${a}`, (a) => `1 / ${a}`),
  matrixElementwise('MATRIX_ABS_OP', 38, 'm[out][r,c] = |m[in1][r,c]|', 1, Math.abs, (a) => `Math.abs(${a})`, (a) => `abs(${a})`),
  matrixElementwise('MATRIX_SUM_OP', 39, 'm[out] = m[in1] + m[in2]', 2, (a, b) => a + b, (a, b) => `${a} + ${b}`, (a, b) => `${a} + ${b}`),
  matrixElementwise('MATRIX_DIFF_OP', 40, 'm[out] = m[in1] - m[in2]', 2, (a, b) => a - b, (a, b) => `${a} - ${b}`, (a, b) => `${a} - ${b}`),
  matrixElementwise('MATRIX_PRODUCT_OP', 41, 'm[out][r,c] = m[in1][r,c] * m[in2][r,c]', 2, (a, b) => a * b, (a, b) => `${a} * ${b}`, (a, b) => `${a} * ${b}`),
  matrixElementwise('MATRIX_DIVISION_OP', 42, 'm[out][r,c] = m[in1][r,c] / m[in2][r,c]', 2, (a, b) => a / b, (a, b) => `${a} / ${b}`, (a, b) => `${a} / ${b}`),
  matrixElementwise('MATRIX_MIN_OP', 46, 'm[out][r,c] = min(m[in1][r,c], m[in2][r,c])', 2, min, jsMin, (a, b) => `minimum(${a}, ${b})`),
  matrixElementwise('MATRIX_MAX_OP', 49, 'm[out][r,c] = max(m[in1][r,c], m[in2][r,c])', 2, max, jsMax, (a, b) => `maximum(${a}, ${b})`),
];
