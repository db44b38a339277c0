import { simplifyAlgebra } from '../../spaces/graph/algebra/index.ts';
import { columnEvaluator, type ColumnEvaluator } from '../../spaces/graph/column-evaluator.ts';
import { constantsOf } from '../../spaces/graph/constants.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { EXACT_NMSE, type SymbolicRegressionTask } from './task.ts';
import { tidyFormula } from './tidy.ts';

/** Largest deviation, relative to the formula's largest value on the data, that still counts as equal. */
export const SAME_VALUES_TOLERANCE = 1e-9;

/** Most rows the equality check reads (train rows first, then validation rows). */
const MAX_CHECKED_ROWS = 100_000;

/** A fitted formula ready to print, with the ops it is written in and its errors. */
export interface ReadableFormula {
  readonly program: Graph;
  readonly ops: OpSet;
  /** The fitted, snapped program in the task's own ops (what the errors are of, and what the task can score). */
  readonly snapped: Graph;
  readonly trainError: number;
  readonly validError: number;
}

/**
 * A front formula as people read it: `snappedFormula`, then simplified algebraically
 * (`simplifyAlgebra`) and snapped again. The simplified form is kept only when
 * it evaluates equal (within SAME_VALUES_TOLERANCE of the largest value) to the snapped
 * program on the task's rows, where it is finite; otherwise the snapped program is printed.
 */
export function readableFormula(task: SymbolicRegressionTask, genotype: Graph, ops: OpSet): ReadableFormula {
  const snapped = snappedFormula(task, genotype, ops);
  const errors = task.score(snapped);
  const check = rowsOf(task);
  const reference = Float64Array.from(outputsOn(snapped, ops, check));
  const scale = reference.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0) || 1;
  const simplified = simplifyAlgebra(snapped, ops);
  const deviation = (g: Graph): number => {
    const values = outputsOn(g, simplified.ops, check);
    let worst = 0;
    for (let i = 0; i < check.rows; i++) {
      const want = reference[i]!;
      const got = values[i]!;
      if (!Number.isFinite(want)) continue;
      if (!Number.isFinite(got)) return Infinity;
      worst = Math.max(worst, Math.abs(got - want) / scale);
    }
    return worst;
  };
  if (deviation(simplified.program) > SAME_VALUES_TOLERANCE) return { program: snapped, ops, snapped, ...errors };
  const program = tidyFormula(simplified.program, simplified.ops, deviation, () => SAME_VALUES_TOLERANCE);
  return { program, ops: simplified.ops, snapped, ...errors };
}

/**
 * The genotype with its constants fitted (linear scale included) and whole-number constants
 * snapped where neither the training nor the validation error grows (`tidyFormula`): what
 * `readableFormula` simplifies and checks against.
 */
export function snappedFormula(task: SymbolicRegressionTask, genotype: Graph, ops: OpSet): Graph {
  // A snap must keep the error on the training rows too, or it may change the formula where validation has no rows.
  const worstError = (g: Graph) => {
    const { trainError, validError } = task.score(g);
    return Math.max(trainError, validError);
  };
  return tidyFormula(task.fit(genotype).program, ops, worstError, (e) => Math.max(e * (1 + 1e-6), EXACT_NMSE));
}

const evaluators = new WeakMap<OpSet, ColumnEvaluator>();

function outputsOn(g: Graph, ops: OpSet, data: { features: readonly Float64Array[]; rows: number }): Float64Array {
  let evaluator = evaluators.get(ops);
  if (evaluator === undefined) evaluators.set(ops, (evaluator = columnEvaluator(ops)));
  return evaluator.run(g, data.features, constantsOf(g), data.rows)[0]!;
}

const checkedRows = new WeakMap<SymbolicRegressionTask, { features: Float64Array[]; rows: number }>();

/** The task's train and validation rows as one table, at most MAX_CHECKED_ROWS of them. */
function rowsOf(task: SymbolicRegressionTask): { features: Float64Array[]; rows: number } {
  let rows = checkedRows.get(task);
  if (rows === undefined) {
    const fromTrain = Math.min(task.train.rows, MAX_CHECKED_ROWS);
    const fromValidation = Math.min(task.validation.rows, MAX_CHECKED_ROWS - fromTrain);
    const features = task.train.features.map((column, c) => {
      const joined = new Float64Array(fromTrain + fromValidation);
      joined.set(column.subarray(0, fromTrain), 0);
      joined.set(task.validation.features[c]!.subarray(0, fromValidation), fromTrain);
      return joined;
    });
    rows = { features, rows: fromTrain + fromValidation };
    checkedRows.set(task, rows);
  }
  return rows;
}
