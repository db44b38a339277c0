import type { Json, Measurement, Task } from '../../core/types.ts';
import { levenbergMarquardt } from '../../learn/levenberg-marquardt.ts';
import { rowsEvaluator, type ColumnEvaluator } from '../../spaces/graph/column-evaluator.ts';
import { constantsOf, withConstants } from '../../spaces/graph/constants.ts';
import { IDENTITY_SCALE, linearScale, withLinearScale, type LinearScale } from './linear-scaling.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import type { RegressionData } from './dataset.ts';

/** The ops symbolic regression uses unless told otherwise (protected where undefined). */
export const DEFAULT_SR_OPS = ['add', 'sub', 'mul', 'pdiv', 'sin', 'cos', 'pexp', 'plog'] as const;

/** What a symbolic-regression task fits, and how. */
export interface SymbolicRegressionOptions {
  readonly train: RegressionData;
  readonly validation: RegressionData;
  readonly ops: OpSet;
  /** Fit each candidate's constants by least squares on the training rows (default true). */
  readonly fitConstants?: boolean;
  /**
   * Fit `offset + slope · f` rather than `f` (default true; needs add and mul in the op set).
   * The formulas reported include the offset and slope.
   */
  readonly linearScaling?: boolean;
  /** Most Levenberg–Marquardt steps per candidate (default 30). */
  readonly maxFitIterations?: number;
  /**
   * Rows the search fits constants on and validates on, each (default 1,000): larger data are
   * subsampled during the search, and `fit` re-fits on all rows for the front.
   */
  readonly searchRows?: number;
  /** The task's config for rebuilding it elsewhere (data source, ops, split seed). */
  readonly config?: Json;
}

/** The lowest error floor: below it two fits count as equally exact whatever the data. */
export const EXACT_NMSE = 1e-20;

/**
 * The error per row, relative to the target's magnitude, below which a fit counts as exact:
 * about 4.5·10^6 units in the last place of a double, far above the rounding of a few dozen
 * ops and the tolerance constants are fitted to, far below any approximation worth the name.
 */
export const EXACT_RELATIVE_ERROR = 1e-9;

/**
 * The validation NMSE below which a fit of `target` is exact: an error of EXACT_RELATIVE_ERROR
 * times the target's root mean square, as a share of its variance. Floating-point noise grows
 * with the target's magnitude, not its spread: a target of 1000 + x at 1,000 rows has an exact
 * fit's NMSE near 1e-14, one of x near 1e-20.
 */
export function exactThreshold(target: ArrayLike<number>): number {
  let meanSquare = 0;
  for (let i = 0; i < target.length; i++) meanSquare += target[i]! * target[i]!;
  meanSquare /= Math.max(1, target.length);
  return Math.max(EXACT_NMSE, (EXACT_RELATIVE_ERROR * EXACT_RELATIVE_ERROR * meanSquare) / varianceOrOne(Float64Array.from(target)));
}

/** The objectives of symbolic regression: validation error and complexity, both minimised. */
export const SR_OBJECTIVES = [
  { name: 'validError', goal: 'min' },
  { name: 'complexity', goal: 'min' },
] as const;

/**
 * Complexity of a program: the number of its vertices plus the number of distinct inputs it
 * reads (so `x` is 1, `x·x` is 2 and `c·x + x` is 4). Shared subexpressions count once.
 */
export function complexity(g: Graph): number {
  const used = new Set<number>();
  for (const v of g.vertices) if (!isConst(v)) for (const a of v.args) if (a < g.inputs) used.add(a);
  for (const o of g.outputs) if (o < g.inputs) used.add(o);
  return g.vertices.length + used.size;
}

/** Evaluates formulas against data: fits constants, then scores validation error and complexity. */
export interface SymbolicRegressionTask extends Task<Graph> {
  /**
   * Fits a program's constants on the training rows. Returns its constants, the linear scale,
   * the fitted program (scale included, ready to print) and its train and validation NMSE.
   */
  fit(g: Graph): { constants: Float64Array; scale: LinearScale; program: Graph; trainError: number; validError: number };
  /** Train and validation NMSE of a program with its constants as they are. */
  score(g: Graph): { trainError: number; validError: number };
  /** The validation NMSE at or below which a fit counts as exact (see `exactThreshold`). */
  readonly exactError: number;
  /** The rows constants are fitted on. */
  readonly train: RegressionData;
  /** The rows formulas are chosen on. */
  readonly validation: RegressionData;
}

/**
 * A symbolic-regression task. Errors are normalised mean squared errors (MSE divided by the
 * target's variance, i.e. 1 − R²), so they read the same whatever the target's scale.
 */
export function symbolicRegressionTask(options: SymbolicRegressionOptions): SymbolicRegressionTask {
  const { train, validation, ops } = options;
  const scaling = (options.linearScaling ?? true) && ops.find('add') !== undefined && ops.find('mul') !== undefined;
  const evaluator = rowsEvaluator(ops, COMPILE_ROWS);
  const settings = { evaluator, scaling, fitConstants: options.fitConstants ?? true, maxIterations: options.maxFitIterations ?? 30 };
  const searchRows = options.searchRows ?? DEFAULT_SEARCH_ROWS;
  // Rows are already shuffled by the split, so the first rows are a random subsample.
  const full = rowFitter(train, validation, settings);
  const sampled = train.rows <= searchRows && validation.rows <= searchRows ? full : rowFitter(firstRows(train, searchRows), firstRows(validation, searchRows), settings);
  const exactError = exactThreshold(validation.target);
  const probe = probeColumns(train, validation);

  return {
    id: 'symbolic-regression',
    ...(options.config === undefined ? {} : { config: options.config }),
    objectives: SR_OBJECTIVES,
    train,
    validation,
    exactError,
    fit: full.fit,
    score: (g) => full.score(g),
    evaluate(g): Measurement {
      const { constants, scale, trainError, validError } = sampled.fit(g);
      // Errors below the exact threshold are noise: reported as the threshold, so that among
      // exact fits the parsimony price alone decides.
      return { values: [Math.max(validError, exactError), complexity(g)], info: { trainError, validError, constants: [...constants], offset: scale.offset, slope: scale.slope } };
    },
    // Outputs on a few data rows, at the program's constants and at shifted ones: programs
    // that agree on both are the same parametric family, so they fit to the same result.
    fingerprint(g) {
      const constants = constantsOf(g);
      const fingerprint = new Float64Array(2 * probe.rows);
      fingerprint.set(evaluator.run(g, probe.features, constants, probe.rows)[0]!.subarray(0, probe.rows), 0);
      for (let i = 0; i < constants.length; i++) constants[i] = constants[i]! * 1.37 + 0.11;
      fingerprint.set(evaluator.run(g, probe.features, constants, probe.rows)[0]!.subarray(0, probe.rows), probe.rows);
      return fingerprint;
    },
  };
}

/** Rows the search fits and validates each candidate on, unless told otherwise. */
export const DEFAULT_SEARCH_ROWS = 1000;

/**
 * From this many rows on, a program runs as one compiled loop rather than column by column:
 * measured with bench/sr-rows.ts and a search on 10^5 rows, compiling and warming code for
 * each fresh candidate costs about 4× more than it saves at 750 rows, while one compiled fit
 * of the front at 75,000 rows is about 3× faster than the columns.
 */
const COMPILE_ROWS = 10_000;

interface FitSettings {
  readonly evaluator: ColumnEvaluator;
  readonly scaling: boolean;
  readonly fitConstants: boolean;
  readonly maxIterations: number;
}

/** Fitting and scoring on one pair of training and validation rows. */
function rowFitter(train: RegressionData, validation: RegressionData, { evaluator, scaling, fitConstants, maxIterations }: FitSettings) {
  const trainScale = 1 / (train.rows * varianceOrOne(train.target));
  const validScale = 1 / (validation.rows * varianceOrOne(validation.target));
  const sumOfSquares = (g: Graph, data: RegressionData, constants: Float64Array): number => {
    const out = evaluator.run(g, data.features, constants, data.rows)[0]!;
    let sse = 0;
    for (let i = 0; i < data.rows; i++) {
      const r = out[i]! - data.target[i]!;
      sse += r * r;
    }
    return sse;
  };
  const score = (g: Graph, constants = constantsOf(g)) => ({
    trainError: sumOfSquares(g, train, constants) * trainScale,
    validError: sumOfSquares(g, validation, constants) * validScale,
  });
  // With linear scaling, residuals are those of offset + slope · g, the best line for each
  // setting of g's own constants (variable projection): LM only searches g's constants.
  const trainResidualsOf = (g: Graph, constants: Float64Array, residuals: Float64Array): LinearScale => {
    const out = evaluator.run(g, train.features, constants, train.rows)[0]!;
    const scale = scaling ? linearScale(out, train.target, train.rows) : IDENTITY_SCALE;
    for (let i = 0; i < train.rows; i++) residuals[i] = scale.offset + scale.slope * out[i]! - train.target[i]!;
    return scale;
  };
  const trainResiduals = new Float64Array(train.rows);
  const fit = (g: Graph) => {
    let constants = constantsOf(g);
    if (fitConstants && constants.length > 0) {
      constants = levenbergMarquardt({
        rows: train.rows,
        initial: constants,
        maxIterations,
        relativeTolerance: 1e-10,
        residuals: (params, residuals) => void trainResidualsOf(g, params, residuals),
      }).params;
    }
    const scale = trainResidualsOf(g, constants, trainResiduals);
    const program = withConstants(scaling ? withLinearScale(g, scale) : g, scaling ? [...constants, scale.slope, scale.offset] : constants);
    return { constants, scale, program, ...score(program) };
  };
  return { fit, score };
}

/** The first `rows` rows of a data set (all of them when it has fewer). */
function firstRows(data: RegressionData, rows: number): RegressionData {
  if (data.rows <= rows) return data;
  return { featureNames: data.featureNames, features: data.features.map((c) => c.subarray(0, rows)), target: data.target.subarray(0, rows), rows };
}

function varianceOrOne(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) * (v - mean);
  variance /= values.length;
  return variance > 0 ? variance : 1;
}

/** Up to 16 training and 8 validation rows, the fixed probe inputs of the fingerprint. */
function probeColumns(train: RegressionData, validation: RegressionData): { features: Float64Array[]; rows: number } {
  const fromTrain = Math.min(16, train.rows);
  const fromValidation = Math.min(8, validation.rows);
  const features = train.features.map((column, c) => {
    const probe = new Float64Array(fromTrain + fromValidation);
    probe.set(column.subarray(0, fromTrain), 0);
    probe.set(validation.features[c]!.subarray(0, fromValidation), fromTrain);
    return probe;
  });
  return { features, rows: fromTrain + fromValidation };
}
