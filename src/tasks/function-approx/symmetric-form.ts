import { remez } from '../../learn/remez.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { ProgramBuilder, X, type HornerOptions } from './program-builder.ts';
import type { Interval, Target } from './targets.ts';

/*
 * For f with f(x)·f(a+b−x) constant (exp, exp2), the minimax [n/n] for relative error r has
 * the same symmetry, so with t = x − (a+b)/2 it can be written r = c·(g(s) + t)/(g(s) − t),
 * where s = t² and g = B/A for even B and A (r = c·(B + tA)/(B − tA)). Writing g as the
 * continued fraction β·s + α + e₁/(s + d₂ + e₂/(s + d₃ + …)) evaluates it with one division
 * per level and no multiplies below the first.
 */

/** Polynomial division: quotient and remainder of num / den (coefficients lowest first). */
function divide(num: readonly number[], den: readonly number[]): { quotient: number[]; remainder: number[] } {
  const r = num.slice();
  const quotient = new Array<number>(Math.max(0, num.length - den.length + 1)).fill(0);
  const lead = den[den.length - 1]!;
  for (let k = quotient.length - 1; k >= 0; k--) {
    const factor = r[k + den.length - 1]! / lead;
    quotient[k] = factor;
    for (let j = 0; j < den.length; j++) r[k + j]! -= factor * den[j]!;
  }
  return { quotient, remainder: r.slice(0, den.length - 1) };
}

/** Variants of the symmetric form. */
export interface SymmetricOptions extends HornerOptions {
  /** Write it as c + t/(…); needed for odd n. */
  readonly partialFraction?: boolean;
  /** Fit x ↦ f(x·2^−k) (the halving folded into the constants) and square k times; needs f(x) = f(x/2)². */
  readonly halvings?: number;
}

/**
 * The minimax [n/n] (n ≥ 2) in the symmetric continued-fraction form, or undefined when the
 * target lacks the symmetry or the fit fails. Costs 2 + (3 per level but the last, which
 * costs 2) + 4 ops: 8 for [2/2], 11 for [4/4], 14 for [6/6]; one fewer with fma.
 *
 * With `partialFraction`, the same function as c + t/(g/(2c) − t/(2c)) (since
 * c·(g+t)/(g−t) = c + 2ct/(g−t)), the top level written as (β′t − 1/(2c))·t + α′ by Horner
 * in t: the multiply by c becomes an add and g+t, g−t and the divide one divide, which pays
 * for the top level's extra multiply (the same op count for even n). It also takes odd n,
 * where β′ = 0: 9 ops for [3/3].
 */
export function symmetricProgram(target: Target, interval: Interval, n: number, options: SymmetricOptions = {}): Graph | undefined {
  if (target.reflective !== true || n < 2 || (n % 2 !== 0 && options.partialFraction !== true)) return undefined;
  const halvings = options.halvings ?? 0;
  if (halvings > 0 && target.squares !== true) return undefined;
  const halved = 2 ** -halvings;
  let fit;
  try {
    fit = remez({ f: (x) => target.fast(x * halved), interval, numeratorDegree: n, denominatorDegree: n });
  } catch {
    return undefined;
  }
  if (!Number.isFinite(fit.maxError)) return undefined;
  const half = (interval[1] - interval[0]) / 2;
  const mid = (interval[0] + interval[1]) / 2;
  // Coefficients in t = half·u; c = r(t = 0).
  const P = Array.from(fit.numerator, (v, k) => v / half ** k);
  const Q = Array.from(fit.denominator, (v, k) => v / half ** k);
  const c = P[0]! / Q[0]!;
  // B(s) from the even part of P + cQ, A(s) from the odd part of P − cQ divided by t.
  const B: number[] = [];
  const A: number[] = [];
  for (let k = 0; k <= n; k += 2) B.push(P[k]! + c * Q[k]!);
  for (let k = 1; k <= n; k += 2) A.push(P[k]! - c * Q[k]!);
  // g = B/A = (β s + α) + rem/A, then A/rem, rem/rem₂, … with monic divisors (a J-fraction).
  const levels: { linear: number[]; scale: number }[] = [];
  let numerator = B;
  let denominator = A;
  let scale = 1;
  while (denominator.length > 0 && denominator.some((v) => v !== 0)) {
    const { quotient, remainder } = divide(numerator, denominator);
    levels.push({ linear: quotient, scale });
    if (remainder.length === 0) break;
    const lead = remainder[remainder.length - 1]!;
    scale = lead / denominator[denominator.length - 1]!;
    numerator = denominator.map((v) => v / denominator[denominator.length - 1]!);
    denominator = remainder.map((v) => v / lead);
  }
  const b = new ProgramBuilder();
  const t = b.op('sub', X, b.constant(mid));
  const s = b.op('mul', t, t);
  // In the partial-fraction form every constant of g is divided by 2c.
  const k = options.partialFraction === true ? 1 / (2 * c) : 1;
  // Build from the innermost level outwards: level i > 0 is s + d_i (+ e_{i+1}/next).
  let inner: number | undefined;
  for (let i = levels.length - 1; i >= 1; i--) {
    const level = levels[i]!;
    let value = b.op('add', s, b.constant(level.linear[0]!));
    if (inner !== undefined) value = b.op('add', value, inner);
    inner = b.op('div', b.constant(i === 1 ? level.scale * k : level.scale), value);
  }
  const top = levels[0]!;
  const beta = (top.linear[1] ?? 0) * k;
  const alpha = b.constant(top.linear[0]! * k);
  let g: number;
  if (options.partialFraction === true) {
    const slope = beta === 0 ? b.constant(-k) : horner(b, b.constant(beta), t, b.constant(-k), options);
    g = horner(b, slope, t, alpha, options);
  } else {
    g = horner(b, s, b.constant(beta), alpha, options);
  }
  if (inner !== undefined) g = b.op('add', g, inner);
  let value: number;
  if (options.partialFraction === true) value = b.op('add', b.op('div', t, g), b.constant(c));
  else value = b.op('mul', b.op('div', b.op('add', g, t), b.op('sub', g, t)), b.constant(c));
  for (let i = 0; i < halvings; i++) value = b.op('mul', value, value);
  return b.finish(value);
}

/** u·v + w, as one fma when asked. */
function horner(b: ProgramBuilder, u: number, v: number, w: number, options: HornerOptions): number {
  return options.fma === true ? b.op('fma', u, v, w) : b.op('add', b.op('mul', u, v), w);
}
