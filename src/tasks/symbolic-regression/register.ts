/**
 * Registers the symbolic-regression task in core's `tasks` and its search in `algorithms`,
 * so that workers and `amoeba resume` rebuild them from (id, config), and a printer for the
 * graph space's programs (registered in `spaces/graph/register.ts`), so that `amoeba show`
 * prints formulas.
 */
import { UsageError } from '../../core/errors.ts';
import { algorithms, tasks } from '../../core/registries.ts';
import { Rng } from '../../core/rng.ts';
import type { Algorithm, Json, Space } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { opSet } from '../../spaces/graph/op-set.ts';
import { graphSpaceFromConfig, type GraphSpaceConfig } from '../../spaces/graph/register.ts';
import { toInfix } from '../../spaces/graph/print.ts';
import { programPrinters } from '../../report/program-printers.ts';
import { readCsv, regressionData, splitRows, type RegressionData } from './dataset.ts';
import { DEFAULT_SR_OPS, symbolicRegressionTask } from './task.ts';
import { readableFormula } from './readable.ts';
import { formulaEvolution, type FormulaEvolutionConfig } from './formula-evolution.ts';

/**
 * The symbolic-regression task's config: the data (a CSV file, or the columns themselves so
 * that a worker on another machine needs no file), its target column, the ops, the split.
 */
export interface SymbolicRegressionConfig {
  readonly data: { readonly path: string; readonly target: string } | { readonly columns: { readonly [name: string]: readonly number[] }; readonly target: string };
  readonly ops?: readonly string[];
  /** Seed of the train/validation split (the search uses `seed ^ 0x5eed`, as here). */
  readonly seed?: number;
  readonly validationFraction?: number;
  /** Most Levenberg–Marquardt steps per fit (default 30). */
  readonly maxFitIterations?: number;
}

function object(owner: string, config: Json): { readonly [key: string]: Json } {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`${owner} config must be a JSON object, got ${JSON.stringify(config)}`);
  return config;
}

const FORMULA_EVOLUTION_KEYS: readonly (keyof FormulaEvolutionConfig)[] = ['populationSize', 'tournamentSize', 'parsimony', 'restartPatience', 'restartMinImprovement', 'crossoverProbability', 'stopWhenExact', 'snapshot'];

/** The formula search's config with its keys checked (the factories check the values). */
function formulaEvolutionConfig(config: Json): FormulaEvolutionConfig {
  const fields = config === null ? {} : object('symbolic-regression-evolution', config);
  const unknown = Object.keys(fields).find((key) => !(FORMULA_EVOLUTION_KEYS as readonly string[]).includes(key));
  if (unknown !== undefined) throw new UsageError(`algorithm 'symbolic-regression-evolution': unknown config key '${unknown}'; known: ${FORMULA_EVOLUTION_KEYS.join(', ')}`);
  const parsimony = fields['parsimony'];
  if (parsimony !== undefined && (typeof parsimony !== 'number' || !Number.isFinite(parsimony) || parsimony < 0)) {
    throw new UsageError(`algorithm 'symbolic-regression-evolution': parsimony must be a finite number >= 0, got ${JSON.stringify(parsimony)}`);
  }
  const stop = fields['stopWhenExact'];
  if (stop !== undefined) {
    const { error, polishTrials } = (stop ?? {}) as { error?: unknown; polishTrials?: unknown };
    if (typeof stop !== 'object' || stop === null || typeof error !== 'number' || !(error >= 0) || typeof polishTrials !== 'number' || !Number.isInteger(polishTrials) || polishTrials < 0) {
      throw new UsageError(`algorithm 'symbolic-regression-evolution': stopWhenExact must be { error: a number >= 0, polishTrials: a whole number >= 0 }, got ${JSON.stringify(stop)}`);
    }
  }
  return fields as FormulaEvolutionConfig;
}

/** Builds the task from its config, reading the CSV file again when the config names one. */
export function symbolicRegressionFromConfig(config: Json) {
  const fields = object('symbolic-regression', config) as unknown as SymbolicRegressionConfig;
  const seed = fields.seed ?? 0;
  const validationFraction = fields.validationFraction ?? 0.25;
  const ops = opSet(fields.ops ?? DEFAULT_SR_OPS);
  const { train, validation } = splitRows(dataFromConfig(fields.data), validationFraction, new Rng(seed ^ 0x5eed));
  const fit = fields.maxFitIterations === undefined ? {} : { maxFitIterations: fields.maxFitIterations };
  return symbolicRegressionTask({ train, validation, ops, config, ...fit });
}

/** The config's data as a table of features and target. */
function dataFromConfig(data: SymbolicRegressionConfig['data'] | undefined): RegressionData {
  if (data !== undefined && typeof data.target === 'string' && 'columns' in data && typeof data.columns === 'object') {
    const names = Object.keys(data.columns);
    const columns = names.map((name) => Float64Array.from(data.columns[name]!));
    if (columns.some((c) => c.length !== columns[0]!.length || c.some((v) => !Number.isFinite(v)))) {
      throw new UsageError('symbolic-regression config: data.columns must be arrays of finite numbers of one length');
    }
    return regressionData({ names, columns, rows: columns[0]?.length ?? 0 }, data.target, 'the stored data');
  }
  if (data !== undefined && typeof data.target === 'string' && 'path' in data && typeof data.path === 'string') {
    return regressionData(readCsv(data.path), data.target, data.path);
  }
  throw new UsageError('symbolic-regression config needs data: { path, target } naming a CSV file, or { columns, target }');
}

if (!tasks.has('symbolic-regression')) tasks.register('symbolic-regression', symbolicRegressionFromConfig, 'fit a formula to a CSV column');
if (!algorithms.has('symbolic-regression-evolution')) {
  algorithms.register(
    'symbolic-regression-evolution',
    (space, config) => formulaEvolution(space as Space<Graph>, formulaEvolutionConfig(config)) as Algorithm<unknown>,
    'regularized evolution over formulas with restarts and a price per unit of complexity',
    { space: { id: 'graph', config: { inputs: 1, ops: ['add', 'mul', 'sin'], maxVertices: 8 } }, config: { populationSize: 8, tournamentSize: 3, parsimony: 0.05, restartPatience: 12 } },
  );
}
if (!programPrinters.has('graph')) programPrinters.register('graph', printFormula);

// Reports print the front trial by trial; rebuilding the task (and its data) once per study is enough.
let lastFormulaTask: { config: Json; task: ReturnType<typeof symbolicRegressionFromConfig> } | undefined;

/**
 * A stored graph program as infix over its column names; for a symbolic-regression study, as
 * the search reports it: constants fitted, linear scaling applied, tidied.
 */
function printFormula(genotype: Json, config: Json, task: { readonly id: string; readonly config: Json } | undefined): string {
  const space = graphSpaceFromConfig(config);
  const names = (config as unknown as GraphSpaceConfig).names;
  const naming = { ops: space.ops, unicode: true, ...(names === undefined ? {} : { names }) };
  const program = space.fromJSON(genotype);
  if (task?.id !== 'symbolic-regression') return toInfix(program, naming).join('; ');
  if (lastFormulaTask?.config !== task.config) lastFormulaTask = { config: task.config, task: symbolicRegressionFromConfig(task.config) };
  const readable = readableFormula(lastFormulaTask.task, program, space.ops);
  return toInfix(readable.program, { ...naming, ops: readable.ops }).join('; ');
}
