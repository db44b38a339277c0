import type { BenchmarkProblem } from './nguyen.ts';

/** Points per law, as in SRBench's use of the Feynman set (Udrescu & Tegmark draw 10^5). */
const FEYNMAN_POINTS = 1000;

type Range = readonly [number, number];

/** A law over named variables, each with its own sampling range. */
const law = (name: string, formula: string, variables: { readonly [name: string]: Range }, f: (...v: number[]) => number): BenchmarkProblem => {
  const names = Object.keys(variables);
  const ranges = names.map((n) => variables[n]!);
  return {
    name,
    formula,
    variables: names,
    ranges,
    low: Math.min(...ranges.map((r) => r[0])),
    high: Math.max(...ranges.map((r) => r[1])),
    points: FEYNMAN_POINTS,
    f: (v) => f(...v),
  };
};

const { PI, sqrt, sin, cos, exp, log } = Math;
const U15: Range = [1, 5];
const U13: Range = [1, 3];

/**
 * Physics laws from the AI Feynman database (Udrescu & Tegmark 2020, "AI Feynman: a
 * physics-inspired method for symbolic regression", Science Advances 6(16), table of the
 * Feynman Symbolic Regression Database), named by their lecture numbers, each variable drawn
 * uniformly from the range that table gives it. Chosen to cover what formula searches miss:
 * products and ratios of several variables, sums of squares, ratios of sums (I.18.4, I.16.6),
 * reciprocals of sums (I.27.6, II.38.14), square roots of sums (I.8.14, III.10.19), and laws
 * with sin, cos, exp and log. Laws needing arcsin or tanh (not in the default ops) are left out.
 */
export const feynman: readonly BenchmarkProblem[] = [
  law('I.6.2a', 'exp(−θ²/2)/√(2π)', { theta: U13 }, (t) => exp(-(t * t) / 2) / sqrt(2 * PI)),
  law('I.8.14', '√((x2 − x1)² + (y2 − y1)²)', { x1: U15, x2: U15, y1: U15, y2: U15 }, (x1, x2, y1, y2) => sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)),
  law('I.10.7', 'm0/√(1 − v²/c²)', { m0: U15, v: [1, 2], c: [3, 10] }, (m0, v, c) => m0 / sqrt(1 - (v * v) / (c * c))),
  law('I.12.1', 'μ·N', { mu: U15, Nn: U15 }, (mu, n) => mu * n),
  law('I.12.4', 'q1·r/(4π·ε·r³)', { q1: U15, epsilon: U15, r: U15 }, (q1, e, r) => (q1 * r) / (4 * PI * e * r ** 3)),
  law('I.12.5', 'q2·Ef', { q2: U15, Ef: U15 }, (q, e) => q * e),
  law('I.12.11', 'q·(Ef + B·v·sin θ)', { q: U15, Ef: U15, B: U15, v: U15, theta: U15 }, (q, e, b, v, t) => q * (e + b * v * sin(t))),
  law('I.13.4', '½·m·(v² + u² + w²)', { m: U15, v: U15, u: U15, w: U15 }, (m, v, u, w) => 0.5 * m * (v * v + u * u + w * w)),
  law('I.14.3', 'm·g·z', { m: U15, g: U15, z: U15 }, (m, g, z) => m * g * z),
  law('I.14.4', '½·k·x²', { k_spring: U15, x: U15 }, (k, x) => 0.5 * k * x * x),
  law('I.16.6', '(u + v)/(1 + u·v/c²)', { c: U15, v: U15, u: U15 }, (c, v, u) => (u + v) / (1 + (u * v) / (c * c))),
  law('I.18.4', '(m1·r1 + m2·r2)/(m1 + m2)', { m1: U15, m2: U15, r1: U15, r2: U15 }, (m1, m2, r1, r2) => (m1 * r1 + m2 * r2) / (m1 + m2)),
  law('I.18.12', 'r·F·sin θ', { r: U15, F: U15, theta: [0, 5] }, (r, f, t) => r * f * sin(t)),
  law('I.24.6', '¼·m·(ω² + ω0²)·x²', { m: U13, omega: U13, omega_0: U13, x: U13 }, (m, w, w0, x) => 0.25 * m * (w * w + w0 * w0) * x * x),
  law('I.25.13', 'q/C', { q: U15, C: U15 }, (q, c) => q / c),
  law('I.27.6', '1/(1/d1 + n/d2)', { d1: U15, d2: U15, n: U15 }, (d1, d2, n) => 1 / (1 / d1 + n / d2)),
  law('I.29.4', 'ω/c', { omega: [1, 10], c: [1, 10] }, (w, c) => w / c),
  law('I.34.8', 'q·v·B/p', { q: U15, v: U15, B: U15, p: U15 }, (q, v, b, p) => (q * v * b) / p),
  law('I.34.27', 'h/(2π)·ω', { omega: U15, h: U15 }, (w, h) => (h / (2 * PI)) * w),
  law('I.37.4', 'I1 + I2 + 2·√(I1·I2)·cos δ', { I1: U15, I2: U15, delta: U15 }, (i1, i2, d) => i1 + i2 + 2 * sqrt(i1 * i2) * cos(d)),
  law('I.39.1', '3/2·p·V', { pr: U15, V: U15 }, (p, v) => 1.5 * p * v),
  law('I.39.22', 'n·kb·T/V', { n: U15, T: U15, V: U15, kb: U15 }, (n, t, v, kb) => (n * kb * t) / v),
  law('I.43.31', 'μ·kb·T', { mob: U15, T: U15, kb: U15 }, (m, t, kb) => m * kb * t),
  law('I.44.4', 'n·kb·T·ln(V2/V1)', { n: U15, kb: U15, T: U15, V1: U15, V2: U15 }, (n, kb, t, v1, v2) => n * kb * t * log(v2 / v1)),
  law('I.47.23', '√(γ·p/ρ)', { gamma: U15, pr: U15, rho: U15 }, (g, p, r) => sqrt((g * p) / r)),
  law('II.3.24', 'P/(4π·r²)', { Pwr: U15, r: U15 }, (p, r) => p / (4 * PI * r * r)),
  law('II.4.23', 'q/(4π·ε·r)', { q: U15, epsilon: U15, r: U15 }, (q, e, r) => q / (4 * PI * e * r)),
  law('II.8.31', 'ε·Ef²/2', { epsilon: U15, Ef: U15 }, (e, f) => (e * f * f) / 2),
  law('II.10.9', 'σ/ε·1/(1 + χ)', { sigma_den: U15, epsilon: U15, chi: U15 }, (s, e, x) => s / e / (1 + x)),
  law('II.11.28', '1 + n·α/(1 − n·α/3)', { n: [0, 1], alpha: [0, 1] }, (n, a) => 1 + (n * a) / (1 - (n * a) / 3)),
  law('II.27.18', 'ε·Ef²', { epsilon: U15, Ef: U15 }, (e, f) => e * f * f),
  law('II.34.2a', 'q·v/(2π·r)', { q: U15, v: U15, r: U15 }, (q, v, r) => (q * v) / (2 * PI * r)),
  law('II.34.2', 'q·v·r/2', { q: U15, v: U15, r: U15 }, (q, v, r) => (q * v * r) / 2),
  law('II.38.14', 'Y/(2·(1 + σ))', { Y: U15, sigma: U15 }, (y, s) => y / (2 * (1 + s))),
  law('III.10.19', 'μ·√(Bx² + By² + Bz²)', { mom: U15, Bx: U15, By: U15, Bz: U15 }, (m, x, y, z) => m * sqrt(x * x + y * y + z * z)),
  law('III.12.43', 'n·h/(2π)', { n: U15, h: U15 }, (n, h) => (n * h) / (2 * PI)),
  law('III.15.12', '2·U·(1 − cos(k·d))', { U: U15, k: U15, d: U15 }, (u, k, d) => 2 * u * (1 - cos(k * d))),
  law('III.17.37', 'β·(1 + α·cos θ)', { beta: U15, alpha: U15, theta: U15 }, (b, a, t) => b * (1 + a * cos(t))),
];
