import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import { opReference, type OpSet } from '../../spaces/graph/op-set.ts';
import { toC, toInfix, toJS, toLatex, toNumpy, toSympy } from '../../spaces/graph/print.ts';
import type { ReadableFormula } from './readable.ts';
import { complexity } from './task.ts';

/** One formula of a front, in every form it is printed in. */
export interface Formula {
  /** Infix math over the column names, simplified, constants rounded for reading. */
  readonly expression: string;
  /** LaTeX math (no surrounding `$`). */
  readonly latex: string;
  /** A JavaScript expression over the variables (`Math.*`), constants in full. */
  readonly js: string;
  /** A C99 expression over double variables (math.h), constants in full. */
  readonly c: string;
  /** A Python expression over NumPy arrays named by the variables (`import numpy as np`). */
  readonly numpy: string;
  /** A SymPy expression in the variables as symbols. */
  readonly sympy: string;
  /** The one complexity measure (`complexity`), of this program as printed. */
  readonly complexity: number;
  /** Normalised MSE (1 − R²) on the training rows. */
  readonly trainError: number;
  /** Normalised MSE (1 − R²) on the validation rows. */
  readonly validError: number;
  /** The simplified program with its fitted constants; input i is column i. */
  readonly program: Graph;
  /** The ops the program is written in. */
  readonly ops: readonly string[];
}

/** How a front's formulas name their inputs. */
export interface FormulaNaming {
  /** The feature columns, in input order, as the data names them. */
  readonly columns: readonly string[];
  /** An identifier per column, for code (`variableNames`). */
  readonly variables: readonly string[];
}

/**
 * Identifiers for column names, for code: the name itself when it is one (letters, digits
 * and `_`, not starting with a digit), else the name with every other character turned into
 * `_` (and `_` in front of a leading digit), made unique with a numbered suffix.
 */
export function variableNames(columns: readonly string[]): string[] {
  const taken = new Set<string>();
  return columns.map((name) => {
    let base = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate) || (candidate !== name && columns.includes(candidate)); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    return candidate;
  });
}

/** A column name in LaTeX: `x` and `x_{1}` as math, anything else upright with its specials escaped. */
export function latexName(name: string): string {
  const indexed = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (indexed !== null) return `${indexed[1]}_{${indexed[2]}}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathrm{${name.replace(/[\\{}_^%$#&~]/g, (c) => (c === '\\' ? '\\backslash ' : c === '~' ? '\\sim ' : c === '^' ? '\\hat{}' : `\\${c}`))}}`;
}

/** The distinct ops a program uses, in first-use order, as configs name them (`opReference`). */
export function usedOps(g: Graph, ops: OpSet): string[] {
  const names = new Set<string>();
  for (const v of g.vertices) if (!isConst(v)) names.add(v.op);
  return [...names].map((name) => opReference(ops.find(name)!));
}

/** A readable formula printed in every form. */
export function printFormula(readable: ReadableFormula, naming: FormulaNaming): Formula {
  const { program, ops } = readable;
  const code = { ops, names: naming.variables };
  const first = (printed: string[]) => printed[0]!;
  return {
    expression: first(toInfix(program, { ops, names: naming.columns, unicode: true })),
    latex: first(toLatex(program, { ops, names: naming.columns.map(latexName) })),
    js: first(toJS(program, code)),
    c: first(toC(program, code)),
    numpy: first(toNumpy(program, code)),
    sympy: first(toSympy(program, code)),
    complexity: complexity(program),
    trainError: readable.trainError,
    validError: readable.validError,
    program,
    ops: usedOps(program, ops),
  };
}
