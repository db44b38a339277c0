import { normalizeGraph } from '../../spaces/graph/draft.ts';
import type { Graph, Vertex } from '../../spaces/graph/graph.ts';

/** The id of the single input x in every one-input program. */
export const X = 0;

/**
 * Builds a one-input program vertex by vertex, for the baselines: each call appends a vertex
 * and returns its id, and `finish` prunes and orders the result.
 */
export class ProgramBuilder {
  private readonly vertices: Vertex[] = [];

  /** A constant vertex holding `value`. */
  constant(value: number): number {
    this.vertices.push({ const: value === 0 ? 0 : value });
    return this.vertices.length;
  }

  /** A vertex applying op `name` to the given ids. */
  op(name: string, ...args: number[]): number {
    this.vertices.push({ op: name, args });
    return this.vertices.length;
  }

  /** The program whose output is `output`. */
  finish(output: number): Graph {
    return normalizeGraph(1, this.vertices, [output]);
  }
}

/** An empty one-input program to build vertex by vertex (`constant`, `op`, then `finish`). */
export function programBuilder(): ProgramBuilder {
  return new ProgramBuilder();
}

/** How to evaluate a polynomial by Horner's rule. */
export interface HornerOptions {
  /** Use one fma per step instead of a multiply and an add. */
  readonly fma?: boolean;
}

/**
 * Appends Horner's rule for Σ coefficients[k]·v^k and returns the result's id. A leading
 * coefficient of exactly 1 saves its multiply (a monic polynomial).
 */
export function appendHorner(b: ProgramBuilder, v: number, coefficients: readonly number[], options: HornerOptions = {}): number {
  const d = coefficients.length - 1;
  if (d < 0) return b.constant(0);
  if (d === 0) return b.constant(coefficients[0]!);
  let acc: number;
  if (coefficients[d] === 1) acc = b.op('add', v, b.constant(coefficients[d - 1]!));
  else if (options.fma === true) acc = b.op('fma', b.constant(coefficients[d]!), v, b.constant(coefficients[d - 1]!));
  else acc = b.op('add', b.op('mul', b.constant(coefficients[d]!), v), b.constant(coefficients[d - 1]!));
  for (let k = d - 2; k >= 0; k--) {
    acc = options.fma === true ? b.op('fma', acc, v, b.constant(coefficients[k]!)) : b.op('add', b.op('mul', acc, v), b.constant(coefficients[k]!));
  }
  return acc;
}

/** A polynomial in x by Horner's rule, as a program. */
export function polynomialProgram(coefficients: readonly number[], options: HornerOptions = {}): Graph {
  const b = new ProgramBuilder();
  return b.finish(appendHorner(b, X, coefficients, options));
}

/**
 * p(x)/q(x) as a program, with both divided by q's leading coefficient so the denominator is
 * monic and its leading multiply disappears. A constant denominator gives a polynomial.
 */
export function rationalProgram(numerator: readonly number[], denominator: readonly number[], options: HornerOptions = {}): Graph {
  const lead = denominator[denominator.length - 1]!;
  const p = numerator.map((c) => c / lead);
  const q = denominator.map((c) => c / lead);
  if (q.length === 1) return polynomialProgram(p, options);
  q[q.length - 1] = 1;
  const b = new ProgramBuilder();
  return b.finish(b.op('div', appendHorner(b, X, p, options), appendHorner(b, X, q, options)));
}
