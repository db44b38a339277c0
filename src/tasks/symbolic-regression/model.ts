import { UsageError } from '../../core/errors.ts';
import type { StudySummary } from '../../core/study.ts';
import type { Json } from '../../core/types.ts';
import { columnEvaluator } from '../../spaces/graph/column-evaluator.ts';
import { constantsOf } from '../../spaces/graph/constants.ts';
import { opSet, standardOpSet } from '../../spaces/graph/op-set.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { parseGraph } from '../../spaces/graph/validate.ts';
import { regressionData, type Table } from './dataset.ts';
import type { Formula } from './formula.ts';
import { searchFormulas, type SymbolicRegressionResult, type SymbolicRegressionSearchOptions } from './search.ts';
import { tableOf, type TableLike } from './table-input.ts';

/** The `format` field of a model file. */
export const MODEL_FORMAT = 'amoeba-sr-model';
/** The model file version this build writes and reads. */
export const MODEL_VERSION = 1;

/** A fitted symbolic-regression model: its front, the chosen formula, and predictions from it. */
export interface SymbolicRegressionModel {
  /** The column the formulas predict. */
  readonly target: string;
  /** The feature columns, in input order: formula input i reads column i. */
  readonly columns: readonly string[];
  /** An identifier per column, as the code forms (js, c, numpy, sympy) name them. */
  readonly variables: readonly string[];
  /** The Pareto front, simplest first. */
  readonly front: readonly Formula[];
  /** Index of the chosen formula in `front` (`pickBest`). */
  readonly bestIndex: number;
  readonly best: Formula;
  readonly seed: number;
  /** How the search went; absent for a model read from a file. */
  readonly summary?: StudySummary;
  /**
   * The chosen formula's value on each row (or formula `formula` of the front). Rows are
   * objects by column name, columns by name, or a table; only the columns the formula reads
   * are needed, and a missing one is a UsageError naming it. A row with a missing (non-finite)
   * value gets NaN.
   */
  predict(rows: TableLike, options?: { readonly formula?: number }): Float64Array;
  /** The model file: plain JSON that `loadModel` reads back. */
  toJSON(): Json;
}

/** Options of `symbolicRegression`: the target column and any of the search's options. */
export interface FitOptions extends Omit<SymbolicRegressionSearchOptions, 'data' | 'targetName'> {
  readonly target: string;
  /** Drop rows with a missing (non-finite) value instead of refusing them (default false). */
  readonly dropMissing?: boolean;
}

/**
 * Fits formulas for `options.target` from the other columns and returns the model.
 *
 * @example
 * const model = await symbolicRegression(rows, { target: 'y', budgetTrials: 20_000 });
 * model.best.expression; // '3·x1·x2 − x3²'
 * model.predict([{ x1: 1, x2: 2, x3: 0.5 }]);
 */
export async function symbolicRegression(data: TableLike, options: FitOptions): Promise<SymbolicRegressionModel> {
  const { target, dropMissing, ...search } = options;
  const table = tableOf(data, 'the data');
  const rows = regressionData(table, target, 'the data', { dropMissing: dropMissing === true });
  const result = await searchFormulas({ ...search, data: rows, targetName: target });
  return modelFromResult(result, target);
}

/** The model of a search's result. */
export function modelFromResult(result: Pick<SymbolicRegressionResult, 'front' | 'best' | 'naming' | 'seed'> & { readonly summary?: StudySummary }, target: string): SymbolicRegressionModel {
  const { naming } = result;
  return makeModel({ target, columns: naming.columns, variables: naming.variables, front: result.front, bestIndex: result.best, seed: result.seed, ...(result.summary === undefined ? {} : { summary: result.summary }) });
}

type ModelParts = Omit<SymbolicRegressionModel, 'predict' | 'toJSON' | 'best'>;

function makeModel(parts: ModelParts): SymbolicRegressionModel {
  const best = parts.front[parts.bestIndex];
  if (best === undefined) throw new UsageError('the model has no formulas: the search finished no trial');
  return {
    ...parts,
    best,
    predict: (rows, options = {}) => predictWith(parts, tableOf(rows, 'the rows to predict'), options.formula ?? parts.bestIndex),
    toJSON: () => ({
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      target: parts.target,
      columns: [...parts.columns],
      variables: [...parts.variables],
      best: parts.bestIndex,
      seed: parts.seed,
      front: parts.front.map((f) => ({ ...f, ops: [...f.ops], program: f.program as unknown as Json })) as unknown as Json,
    }),
  };
}

function predictWith(model: ModelParts, table: Table, index: number): Float64Array {
  const formula = model.front[index];
  if (formula === undefined) throw new UsageError(`formula ${index} is not on the model's front; it has formulas 0..${model.front.length - 1}`);
  const read = readInputs(formula);
  const missing = read.filter((i) => !table.names.includes(model.columns[i]!)).map((i) => model.columns[i]!);
  if (missing.length > 0) {
    throw new UsageError(`the data lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} that the formula ${formula.expression} reads; its columns are: ${table.names.join(', ')}`);
  }
  const empty = new Float64Array(table.rows).fill(NaN);
  const columns = model.columns.map((name) => (table.names.includes(name) ? table.columns[table.names.indexOf(name)]! : empty));
  const ops = formula.ops.length === 0 ? standardOpSet : opSet(formula.ops);
  return Float64Array.from(columnEvaluator(ops).run(formula.program, columns, constantsOf(formula.program), table.rows)[0]!.subarray(0, table.rows));
}

/** The inputs a formula's program reads. */
function readInputs(f: Formula): number[] {
  const read = new Set<number>();
  for (const v of f.program.vertices) if ('args' in v) for (const a of v.args) if (a < f.program.inputs) read.add(a);
  for (const o of f.program.outputs) if (o < f.program.inputs) read.add(o);
  return [...read].sort((a, b) => a - b);
}

/** Reads a model file's JSON (as `toJSON` writes it), validating every field and program. */
export function loadModel(json: unknown, source = 'the model file'): SymbolicRegressionModel {
  const fail = (problem: string) => new UsageError(`${source}: ${problem}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('is not a JSON object; write one with amoeba sr --json');
  const m = json as { [key: string]: unknown };
  if (m['format'] !== MODEL_FORMAT) throw fail(`is not an amoeba model (its "format" is ${JSON.stringify(m['format'])}, expected "${MODEL_FORMAT}"); write one with amoeba sr --json`);
  if (m['version'] !== MODEL_VERSION) throw fail(`has version ${JSON.stringify(m['version'])}; this amoeba reads version ${MODEL_VERSION}`);
  const strings = (key: string): string[] => {
    const value = m[key];
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) throw fail(`"${key}" must be a list of strings`);
    return value as string[];
  };
  const columns = strings('columns');
  const variables = strings('variables');
  if (variables.length !== columns.length) throw fail('"variables" must name each column');
  if (typeof m['target'] !== 'string') throw fail('"target" must be a string');
  if (!Array.isArray(m['front']) || m['front'].length === 0) throw fail('"front" must be a non-empty list of formulas');
  const front = m['front'].map((raw, i) => loadFormula(raw, columns.length, (problem) => fail(`formula ${i}: ${problem}`)));
  const bestIndex = m['best'];
  if (typeof bestIndex !== 'number' || !Number.isInteger(bestIndex) || bestIndex < 0 || bestIndex >= front.length) throw fail(`"best" must index the front (0..${front.length - 1})`);
  const seed = typeof m['seed'] === 'number' ? m['seed'] : 0;
  return makeModel({ target: m['target'], columns, variables, front, bestIndex, seed });
}

const TEXT_FIELDS = ['expression', 'latex', 'js', 'c', 'numpy', 'sympy'] as const;

function loadFormula(raw: unknown, inputs: number, fail: (problem: string) => Error): Formula {
  if (typeof raw !== 'object' || raw === null) throw fail('must be an object');
  const f = raw as { [key: string]: unknown };
  for (const key of TEXT_FIELDS) if (typeof f[key] !== 'string') throw fail(`"${key}" must be a string`);
  for (const key of ['complexity', 'trainError', 'validError']) if (typeof f[key] !== 'number') throw fail(`"${key}" must be a number`);
  if (!Array.isArray(f['ops']) || !f['ops'].every((s) => typeof s === 'string')) throw fail('"ops" must be a list of op names');
  const names = f['ops'] as string[];
  let program: Graph;
  try {
    program = parseGraph(f['program'], names.length === 0 ? standardOpSet : opSet(names));
  } catch (error) {
    throw fail((error as Error).message);
  }
  if (program.inputs !== inputs) throw fail(`its program has ${program.inputs} inputs for ${inputs} columns`);
  if (program.outputs.length !== 1) throw fail('its program must have one output');
  return { ...(f as unknown as Formula), ops: names, program };
}
