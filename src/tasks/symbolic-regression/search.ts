import { tasks } from '../../core/registries.ts';
import { Study, type StudySummary } from '../../core/study.ts';
import type { Json } from '../../core/types.ts';
import { fecCache } from '../../hashing/fec-cache.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { opReference, opSet, type OpSet } from '../../spaces/graph/op-set.ts';
import { rebuildParts, startStoredStudy } from '../../store/stored-study.ts';
import type { Recipe, StudySpec } from '../../store/types.ts';
import { printFormula, variableNames, type Formula, type FormulaNaming } from './formula.ts';
import { readableFormula } from './readable.ts';
import { digitsLost } from './cancellation.ts';
import { columnEvaluator } from '../../spaces/graph/column-evaluator.ts';
import { validationRowCount, type RegressionData } from './dataset.ts';
import './register.ts';
import { DEFAULT_SR_OPS, EXACT_NMSE, SR_OBJECTIVES, type SymbolicRegressionTask } from './task.ts';
import { paretoFront } from '../../core/pareto.ts';
import { guidedIfAsked, type GuideSettings } from '../../algorithms/guided-register.ts';
import type { StoredSearchOptions } from '../../store/index.ts';

export { DEFAULT_SR_OPS } from './task.ts';
export type { Formula } from './formula.ts';

/** A symbolic-regression run: the data, the language and the budget. */
export interface SymbolicRegressionSearchOptions extends StoredSearchOptions<Graph> {
  readonly data: RegressionData;
  /** Op names or aliases (`+ - * /`); DEFAULT_SR_OPS by default. */
  readonly ops?: readonly string[];
  readonly seed?: number;
  /** Trials to run; 100,000 by default when no time limit is given. */
  readonly budgetTrials?: number;
  readonly budgetSeconds?: number;
  /** Share of rows held out for validation (default 0.25). */
  readonly validationFraction?: number;
  /** Most vertices per formula (default 16). */
  readonly maxVertices?: number;
  readonly populationSize?: number;
  readonly tournamentSize?: number;
  /** Most Levenberg–Marquardt steps when fitting one candidate's constants (default 30). */
  readonly maxFitIterations?: number;
  /** Answer functionally equivalent candidates from the FEC cache (default true). */
  readonly functionalCache?: boolean;
  /** Price of one unit of complexity, in decades of validation error (default 0.02). */
  readonly parsimony?: number;
  /** Start the population afresh after this many trials without progress (default 2,000). */
  readonly restartPatience?: number;
  /** Chance that a child is the crossover of two formulas (default DEFAULT_CROSSOVER_PROBABILITY). */
  readonly crossoverProbability?: number;
  /** Least gain, in decades of the ranking, that postpones a restart (default 0). */
  readonly restartMinImprovement?: number;
  /**
   * Stop once a formula fits the validation rows exactly and `polishTrials` more trials have
   * found no simpler exact one (default true).
   */
  readonly stopWhenExact?: boolean;
  /** Trials to keep looking for a simpler exact formula after the first (default 2,000). */
  readonly polishTrials?: number;
  /** How the data was obtained, kept in the task's config. */
  readonly dataSource?: Json;
  /** The target column's name, kept with the data in the task's config (default 'y'). */
  readonly targetName?: string;
  /** Guided evolution: a learned discriminator accepts or retries each mutation (default: plain). */
  readonly guide?: GuideSettings;
  /** Ops that may not appear anywhere inside others: `{ sin: ['sin', 'cos'] }` (none by default). */
  readonly forbiddenNesting?: { readonly [outer: string]: readonly string[] };
}

/** The result of a search: the front, simplest first, and which formula is `best`. */
export interface SymbolicRegressionResult {
  readonly front: readonly Formula[];
  /** The feature columns the formulas read (input i is column i) and their identifiers in code. */
  readonly naming: FormulaNaming;
  /** Index into `front`: see `pickBest`. */
  readonly best: number;
  readonly summary: StudySummary;
  readonly seed: number;
  /** The validation NMSE at or below which a fit counts as exact, from the data's scale. */
  readonly exactError: number;
  /** Things the user should know about the data, such as too few rows for the formulas' size. */
  readonly warnings: readonly string[];
}

/**
 * Runs regularized evolution over formulas and returns the simplified Pareto front. The task,
 * space and algorithm are built from their registered recipes (plain JSON, the data included),
 * so that worker threads, queue workers and `amoeba resume` rebuild exactly the same search.
 */
export async function searchFormulas(options: SymbolicRegressionSearchOptions): Promise<SymbolicRegressionResult> {
  const seed = options.seed ?? 0;
  const ops = opSet(options.ops ?? DEFAULT_SR_OPS);
  const plain = formulaRecipes(options, ops.specs.map(opReference));
  // Built once: the study evaluates with this task, its exact threshold goes into the
  // algorithm's stop, and the front is fitted and tidied with it.
  const task = tasks.get(plain.task.id)(plain.task.config) as SymbolicRegressionTask;
  const recipes = { ...plain, algorithm: formulaAlgorithm(options, task.exactError) };
  const budgetTrials = options.budgetTrials ?? (options.budgetSeconds === undefined ? 100_000 : undefined);
  const spec: StudySpec = {
    name: options.store?.name ?? 'sr',
    ...recipes,
    objectives: SR_OBJECTIVES,
    seed,
    budgetTrials,
    budgetSeconds: options.budgetSeconds,
  };
  const parts = rebuildParts<Graph>(spec, undefined, { task });
  const extras = {
    ...(options.functionalCache === false ? {} : { cache: fecCache({ seed }) }),
    ...(options.executor === undefined ? {} : { executor: options.executor(recipes) }),
    ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const study = options.store === undefined ? new Study<Graph>({ ...parts, seed, ...budgets(spec), ...extras }) : startStoredStudy<Graph>(options.store.store, spec, extras, parts);
  options.onStudy?.(study);
  const summary = await study.run();
  return formulaResult(study, task, { ops, names: options.data.featureNames, maxVertices: options.maxVertices ?? DEFAULT_MAX_VERTICES }, summary);
}

/**
 * Warnings about data too few for the formulas searched: with fewer training rows than a few
 * per vertex a formula can interpolate, and a handful of validation rows cannot tell.
 */
export function dataWarnings(rows: number, validationFraction: number, maxVertices: number): string[] {
  const validationRows = validationRowCount(rows, validationFraction);
  return trainingWarnings(rows - validationRows, validationRows, maxVertices);
}

function trainingWarnings(trainRows: number, validationRows: number, maxVertices: number): string[] {
  const rows = trainRows + validationRows;
  const warnings: string[] = [];
  if (trainRows < ROWS_PER_VERTEX * maxVertices || validationRows < MIN_VALIDATION_ROWS) {
    warnings.push(
      `only ${rows} rows (${trainRows} to fit, ${validationRows} to validate) for formulas of up to ${maxVertices} vertices: ` +
        `a close fit may be interpolation; give at least ${Math.max(ROWS_PER_VERTEX * maxVertices, MIN_VALIDATION_ROWS)} fitting rows or lower --max-vertices`,
    );
  }
  return warnings;
}

/** Fewer training rows per vertex than this and a formula's constants can interpolate the data. */
const ROWS_PER_VERTEX = 4;
/** Fewer validation rows than this and a validation error says little. */
const MIN_VALIDATION_ROWS = 10;

/**
 * The result of a formula study that has run, fresh or resumed: its front fitted, tidied and
 * printed over the column names, simplest first, with the chosen formula.
 */
export function formulaResult(study: Study<Graph>, task: SymbolicRegressionTask, naming: { readonly ops: OpSet; readonly names: readonly string[]; readonly maxVertices?: number }, summary: StudySummary): SymbolicRegressionResult {
  const { front, best, naming: printed } = formulaFront(study.front().map((trial) => trial.genotype), task, naming);
  const warnings = trainingWarnings(task.train.rows, task.validation.rows, naming.maxVertices ?? DEFAULT_MAX_VERTICES);
  return { front, best, naming: printed, summary, seed: study.seed, exactError: task.exactError, warnings };
}

/**
 * The front of a formula search from its non-dominated genotypes: each fitted, simplified and
 * printed (`readableFormula`, `printFormula`), then the Pareto front of those by validation
 * error and complexity as printed, simplest first, with the chosen formula (`pickBest`).
 */
export function formulaFront(genotypes: readonly Graph[], task: SymbolicRegressionTask, naming: { readonly ops: OpSet; readonly names: readonly string[] }): { front: Formula[]; best: number; naming: FormulaNaming } {
  const printed = { columns: naming.names, variables: variableNames(naming.names) };
  const formulas = genotypes.map((g) => printFormula(readableFormula(task, g, naming.ops), printed));
  const exact = task.exactError;
  const front = paretoFront(formulas.map((f) => [Math.max(f.validError, exact), f.complexity]))
    .map((i) => formulas[i]!)
    .sort((a, b) => a.complexity - b.complexity)
    .filter((f, i, all) => i === 0 || f.complexity !== all[i - 1]!.complexity);
  // Cancelling constants count against a formula in the choice of best (see `digitsLost`).
  // A printed program may use ops the search does not (x² for x·x): it runs in its own ops.
  const judged = front.map((f) => ({ validError: f.validError, complexity: f.complexity, digitsLost: f.ops.length === 0 ? 0 : digitsLost(f.program, columnEvaluator(opSet(f.ops)), task.validation) }));
  return { front, best: pickBest(judged, exact), naming: printed };
}

/**
 * Chance that a child formula is a crossover of two tournament winners, unless told otherwise.
 * Measured with bench/srbench.ts at 20,000 trials, one seed: crossover 0.3 recovered 2 of the
 * 14 laws missed without it (I.27.6, II.11.28) but lost 2 others (I.44.4, I.47.23), 27 of 38
 * Feynman-style laws either way, at more CPU time per law; so it stays off by default.
 */
export const DEFAULT_CROSSOVER_PROBABILITY = 0;

/** Share of rows held out for validation unless told otherwise. */
export const DEFAULT_VALIDATION_FRACTION = 0.25;

/** Most vertices per formula unless told otherwise. */
export const DEFAULT_MAX_VERTICES = 16;

/** The task, space and algorithm of a formula search as registry recipes. */
export function formulaRecipes(options: SymbolicRegressionSearchOptions, ops: readonly string[], exactError?: number): { task: Recipe; space: Recipe; algorithm: Recipe } {
  const { data } = options;
  let target = options.targetName ?? 'y';
  // A generated data set may already use the default name for a feature.
  while (data.featureNames.includes(target)) target += '_';
  const columns: { [name: string]: number[] } = {};
  data.featureNames.forEach((name, i) => (columns[name] = Array.from(data.features[i]!)));
  columns[target] = Array.from(data.target);
  const taskConfig: Json = {
    data: { columns, target },
    source: options.dataSource ?? null,
    ops: [...ops],
    seed: options.seed ?? 0,
    validationFraction: options.validationFraction ?? DEFAULT_VALIDATION_FRACTION,
    ...(options.maxFitIterations === undefined ? {} : { maxFitIterations: options.maxFitIterations }),
  };
  return {
    task: { id: 'symbolic-regression', config: taskConfig },
    space: {
      id: 'graph',
      config: {
        inputs: data.features.length,
        ops: [...ops],
        maxVertices: options.maxVertices ?? DEFAULT_MAX_VERTICES,
        names: [...data.featureNames],
        ...(options.forbiddenNesting === undefined ? {} : { forbiddenNesting: options.forbiddenNesting as unknown as Json }),
      },
    },
    algorithm: formulaAlgorithm(options, exactError),
  };
}

/**
 * The algorithm recipe of a formula search. Given the task's `exactError`, it carries the
 * search's early stop (exact, and `polishTrials` more trials without a simpler exact formula)
 * unless `stopWhenExact` is false: in the recipe, so a resumed study stops as the first run would.
 */
export function formulaAlgorithm(options: SymbolicRegressionSearchOptions, exactError?: number): Recipe {
  const config: Json = {
    populationSize: options.populationSize ?? 100,
    tournamentSize: options.tournamentSize ?? 5,
    parsimony: options.parsimony ?? 0.02,
    restartPatience: options.restartPatience ?? 2000,
    crossoverProbability: options.crossoverProbability ?? DEFAULT_CROSSOVER_PROBABILITY,
    ...(options.restartMinImprovement === undefined ? {} : { restartMinImprovement: options.restartMinImprovement }),
    ...(exactError === undefined || options.stopWhenExact === false ? {} : { stopWhenExact: { error: exactError, polishTrials: options.polishTrials ?? 2000 } }),
  };
  const algorithm = { id: 'symbolic-regression-evolution', config };
  return guidedIfAsked(algorithm, { kind: 'graph' }, options.guide);
}

function budgets(spec: StudySpec) {
  return {
    ...(spec.budgetTrials === undefined ? {} : { budgetTrials: spec.budgetTrials }),
    ...(spec.budgetSeconds === undefined ? {} : { budgetSeconds: spec.budgetSeconds }),
  };
}

/**
 * The rule that picks one formula from the front: the simplest whose validation error is
 * within 1.5× of the lowest on the front (errors below `exactError` count as equal), where a
 * formula that loses d > SAFE_DIGITS_LOST digits to cancellation counts its error as
 * 100^(d − SAFE_DIGITS_LOST) times larger, its RMSE 10^(d − SAFE_DIGITS_LOST): its fit lives
 * in its constants' last digits. PySR's "best" model selection uses the same 1.5× window.
 */
export function pickBest(front: readonly (Pick<Formula, 'validError' | 'complexity'> & { readonly digitsLost?: number })[], exactError = EXACT_NMSE): number {
  if (front.length === 0) return -1;
  const penalised = (f: (typeof front)[number]) => Math.max(f.validError, exactError) * 100 ** Math.max(0, (f.digitsLost ?? 0) - SAFE_DIGITS_LOST);
  const lowest = Math.min(...front.map(penalised));
  let best = -1;
  front.forEach((f, i) => {
    if (penalised(f) <= 1.5 * lowest && (best < 0 || f.complexity < front[best]!.complexity)) best = i;
  });
  return best;
}

/** Digits a formula may lose to cancellation before `pickBest` holds it against it. */
export const SAFE_DIGITS_LOST = 2;

