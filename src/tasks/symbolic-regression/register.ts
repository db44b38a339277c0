/**
 * Registers the symbolic-regression task in core's `tasks` and the graph space in `spaces`,
 * so that workers and `amoeba resume` rebuild them from (id, config), and a printer for the
 * space's programs, so that `amoeba show` prints formulas.
 */
import { UsageError } from '../../core/errors.ts';
import { tasks } from '../../core/registries.ts';
import { Rng } from '../../core/rng.ts';
import type { Json } from '../../core/types.ts';
import { spaces } from '../../core/registries.ts';
import { opSet } from '../../spaces/graph/op-set.ts';
import { graphSpace } from '../../spaces/graph/space.ts';
import { toInfix } from '../../spaces/graph/print.ts';
import { programPrinters } from '../../report/program-printers.ts';
import { readCsv, regressionData, splitRows } from './dataset.ts';
import { DEFAULT_SR_OPS } from './search.ts';
import { symbolicRegressionTask } from './task.ts';

/** The symbolic-regression task's config: a CSV file and its target column, the ops, the split. */
export interface SymbolicRegressionConfig {
  readonly data: { readonly path: string; readonly target: string };
  readonly ops?: readonly string[];
  /** Seed of the train/validation split (the search uses `seed ^ 0x5eed`, as here). */
  readonly seed?: number;
  readonly validationFraction?: number;
}

/** The graph space's config: inputs, op names and the most vertices per program. */
export interface GraphSpaceConfig {
  readonly inputs: number;
  readonly ops: readonly string[];
  readonly maxVertices?: number;
}

function object(owner: string, config: Json): { readonly [key: string]: Json } {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`${owner} config must be a JSON object, got ${JSON.stringify(config)}`);
  return config;
}

/** Builds the task from its config, reading the CSV file again. */
export function symbolicRegressionFromConfig(config: Json) {
  const fields = object('symbolic-regression', config) as unknown as SymbolicRegressionConfig;
  const data = fields.data as SymbolicRegressionConfig['data'] | undefined;
  if (data === undefined || typeof data.path !== 'string' || typeof data.target !== 'string') {
    throw new UsageError('symbolic-regression config needs data: { path, target } naming a CSV file and its target column');
  }
  const seed = fields.seed ?? 0;
  const validationFraction = fields.validationFraction ?? 0.25;
  const ops = opSet(fields.ops ?? DEFAULT_SR_OPS);
  const { train, validation } = splitRows(regressionData(readCsv(data.path), data.target, data.path), validationFraction, new Rng(seed ^ 0x5eed));
  return symbolicRegressionTask({ train, validation, ops, config });
}

/** Builds the graph space from its config. */
export function graphSpaceFromConfig(config: Json) {
  const fields = object('graph space', config) as unknown as GraphSpaceConfig;
  return graphSpace({ inputs: fields.inputs, ops: opSet(fields.ops), ...(fields.maxVertices === undefined ? {} : { maxVertices: fields.maxVertices }) });
}

if (!tasks.has('symbolic-regression')) tasks.register('symbolic-regression', symbolicRegressionFromConfig, 'fit a formula to a CSV column');
if (!spaces.has('graph')) spaces.register('graph', graphSpaceFromConfig, 'typed DAG programs over an op set');
if (!programPrinters.has('graph')) {
  programPrinters.register('graph', (genotype, config) => {
    const space = graphSpaceFromConfig(config);
    return toInfix(space.fromJSON(genotype), { ops: space.ops, unicode: true }).join('; ');
  });
}
