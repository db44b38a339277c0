import { UsageError } from '../../core/errors.ts';
import { isConst, type Graph } from './graph.ts';
import { standardOpSet, type OpSet } from './op-set.ts';
import type { OpSpec } from './ops.ts';
import { PRECEDENCE, type Printed } from './print-forms.ts';
import { parseGraph } from './validate.ts';

/*
 * Printers write each output as one expression tree: a vertex used twice is written twice.
 * A DAG can expand exponentially that way, so a graph whose tree would exceed
 * MAX_TREE_NODES nodes is refused with a RangeError rather than printed.
 */

/** Largest expression tree (in op, input and constant nodes) a printer will write. */
export const MAX_TREE_NODES = 100_000;

/** Options every printer takes. */
export interface PrintOptions {
  /** The ops the graph uses; all standard ops by default. */
  readonly ops?: OpSet;
  /** A name for each input; `x0, x1, ...` by default (`x_{0}, ...` in LaTeX). */
  readonly names?: readonly string[];
}

/** Options of the math printers. */
export interface MathPrintOptions extends PrintOptions {
  /** Significant digits of printed constants; 6 by default. */
  readonly digits?: number;
}

/** Options of `toInfix`. */
export interface InfixOptions extends MathPrintOptions {
  /** Print `·`, `−` and `x²` instead of ASCII `*`, `-` and `x^2`. */
  readonly unicode?: boolean;
}

/** Options of `toC`. */
export interface COptions extends PrintOptions {
  /** Write constants as C99 hex float literals (`0x1.8p+1`) instead of shortest decimals. */
  readonly hexFloats?: boolean;
}

/** Writes every output of `g` bottom-up with the given leaf and op printers. */
function printOutputs<T>(g: Graph, ops: OpSet, input: (i: number) => T, constant: (value: number) => T, apply: (spec: OpSpec, args: T[]) => T): T[] {
  const checked = parseGraph(g, ops);
  const sizes = new Float64Array(checked.inputs + checked.vertices.length).fill(1);
  const printed: T[] = Array.from({ length: checked.inputs }, (_, i) => input(i));
  for (const [k, v] of checked.vertices.entries()) {
    const id = checked.inputs + k;
    if (isConst(v)) {
      printed.push(constant(v.const));
      continue;
    }
    for (const a of v.args) sizes[id]! += sizes[a]!;
    if (sizes[id]! > MAX_TREE_NODES) throw new RangeError(`the program expands to more than ${MAX_TREE_NODES} nodes as a tree; too large to print as one expression`);
    printed.push(apply(ops.find(v.op)!, v.args.map((a) => printed[a]!)));
  }
  return checked.outputs.map((id) => printed[id]!);
}

function inputNames(options: PrintOptions, inputs: number, fallback: (i: number) => string, pattern?: RegExp): string[] {
  const names = options.names ?? Array.from({ length: inputs }, (_, i) => fallback(i));
  if (names.length < inputs) throw new UsageError(`the program has ${inputs} inputs, but ${names.length} names were given`);
  for (const name of names) {
    if (typeof name !== 'string' || name === '' || (pattern !== undefined && !pattern.test(name))) {
      throw new UsageError(`input name ${JSON.stringify(name)} is not a valid identifier (letters, digits, _ and $, optionally .field or [index])`);
    }
  }
  return [...names];
}

function significant(value: number, digits: number | undefined): string {
  const d = digits ?? 6;
  if (!Number.isInteger(d) || d < 1 || d > 17) throw new UsageError(`digits must be a whole number in [1, 17], got ${digits}`);
  return String(Number(value.toPrecision(d)));
}

/**
 * Readable math, one string per output, with the fewest parentheses that keep the meaning:
 * `sin(x0^2) * cos(x0) - 1` (ASCII, the default) or `sin(x0²)·cos(x0) − 1` (unicode).
 * Protected ops print as their plain math (`pdiv` as `/`); use `toJS` for exact semantics.
 */
export function toInfix(g: Graph, options: InfixOptions = {}): string[] {
  const style = { unicode: options.unicode === true };
  const names = inputNames(options, g.inputs, (i) => `x${i}`);
  const constant = (value: number): Printed => {
    const text = significant(value, options.digits);
    return text.startsWith('-') ? { text: (style.unicode ? '−' : '-') + text.slice(1), precedence: PRECEDENCE.unary } : { text, precedence: PRECEDENCE.atom };
  };
  const input = (i: number): Printed => ({ text: names[i]!, precedence: PRECEDENCE.atom });
  return printOutputs(g, options.ops ?? standardOpSet, input, constant, (spec, args) => spec.infix(args, style)).map((p) => p.text);
}

/** LaTeX math (no surrounding `$`), one string per output: `\sin\left({x_{0}}^{2}\right) ...`. */
export function toLatex(g: Graph, options: MathPrintOptions = {}): string[] {
  const names = inputNames(options, g.inputs, (i) => `x_{${i}}`);
  const constant = (value: number): Printed => {
    const [mantissa, exponent] = significant(value, options.digits).split('e');
    const text = exponent === undefined ? mantissa! : `${mantissa} \\times 10^{${Number(exponent)}}`;
    const precedence = text.startsWith('-') ? PRECEDENCE.unary : exponent === undefined ? PRECEDENCE.atom : PRECEDENCE.product;
    return { text, precedence };
  };
  const input = (i: number): Printed => ({ text: names[i]!, precedence: PRECEDENCE.atom });
  return printOutputs(g, options.ops ?? standardOpSet, input, constant, (spec, args) => spec.latex(args)).map((p) => p.text);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*$/;

/**
 * A JavaScript expression per output, over `Math.*` and the given variable names, with
 * constants inlined exactly (shortest round-trip decimals): it evaluates bit-identically to
 * `interpret` in double precision.
 */
export function toJS(g: Graph, options: PrintOptions = {}): string[] {
  const names = inputNames(options, g.inputs, (i) => `x${i}`, IDENTIFIER);
  const constant = (value: number) => (value < 0 ? `(${value})` : String(value));
  return printOutputs(g, options.ops ?? standardOpSet, (i) => names[i]!, constant, (spec, args) => spec.emit(args));
}

/** A C99 hex float literal for a finite double, exact by construction. */
export function hexFloat(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0x0p+0' : '0x0p+0';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const sign = high >>> 31 === 1 ? '-' : '';
  const biased = (high >>> 20) & 0x7ff;
  const mantissa = ((high & 0xfffff).toString(16).padStart(5, '0') + low.toString(16).padStart(8, '0')).replace(/0+$/, '');
  const fraction = mantissa === '' ? '' : `.${mantissa}`;
  // Subnormals have no implicit leading 1 and the exponent of the smallest normal.
  const [lead, exponent] = biased === 0 ? ['0', -1022] : ['1', biased - 1023];
  return `${sign}0x${lead}${fraction}p${exponent >= 0 ? '+' : ''}${exponent}`;
}

/**
 * A C99 expression per output over doubles (math.h), constants exact. It matches `toJS` on
 * ordinary values; compile with `-ffp-contract=off` so `a*b + c` is not fused, and note that
 * C's fmax/fmin drop a NaN operand where JS's Math.max/min return NaN.
 */
export function toC(g: Graph, options: COptions = {}): string[] {
  const names = inputNames(options, g.inputs, (i) => `x${i}`, IDENTIFIER);
  const constant = (value: number) => {
    let text = options.hexFloats === true ? hexFloat(value) : String(value);
    if (!/[.ex]/.test(text)) text += '.0';
    return value < 0 ? `(${text})` : text;
  };
  return printOutputs(g, options.ops ?? standardOpSet, (i) => names[i]!, constant, (spec, args) => spec.c(args));
}

const PYTHON_NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*|\[("[^"\\]*"|'[^'\\]*'|\d+)\])*$/;
const PYTHON_IDENTIFIER = /^[A-Za-z_]\w*$/;

/** A Python float literal: shortest round-trip decimal, negative ones parenthesised. */
function pythonConstant(value: number): string {
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

/**
 * A Python expression per output over NumPy (`import numpy as np`) arrays or floats named
 * `names` (identifiers, or items such as `df["x 1"]`), guards of protected ops included: it
 * computes what `toJS` computes, elementwise, up to the last bit of library functions.
 */
export function toNumpy(g: Graph, options: PrintOptions = {}): string[] {
  const names = inputNames(options, g.inputs, (i) => `x${i}`, PYTHON_NAME);
  return printOutputs(g, options.ops ?? standardOpSet, (i) => names[i]!, pythonConstant, (spec, args) => spec.numpy(args));
}

/**
 * A SymPy expression per output (`from sympy import *`, with the names as symbols), for
 * algebra: the plain math that `toInfix` shows, protected ops without their guards.
 */
export function toSympy(g: Graph, options: PrintOptions = {}): string[] {
  const names = inputNames(options, g.inputs, (i) => `x${i}`, PYTHON_IDENTIFIER);
  return printOutputs(g, options.ops ?? standardOpSet, (i) => names[i]!, pythonConstant, (spec, args) => spec.sympy(args));
}
