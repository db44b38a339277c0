/**
 * Registers the optimizer-discovery task in core's `tasks` and the optimizer program space in
 * `spaces`, so that workers and `amoeba resume` rebuild them from (id, config), and a printer
 * for the space's programs, so that `amoeba show` prints them as code.
 */
import { UsageError } from '../../core/errors.ts';
import { spaces, tasks } from '../../core/registries.ts';
import type { Json } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { parseGraph } from '../../spaces/graph/validate.ts';
import { programPrinters } from '../../report/program-printers.ts';
import { optimizerOps } from './ops.ts';
import { printProgram } from './print-program.ts';
import { REFERENCE_PROGRAMS, referenceProgram } from './reference-programs.ts';
import { optimizerSpace, type OptimizerSpace, type OptimizerSpaceOptions } from './space.ts';
import { optimizerTask, type OptimizerTask } from './task.ts';

/** The space's config: plain JSON that round-trips every option of `optimizerSpace`. */
export interface OptimizerSpaceConfig {
  readonly maxStatements?: number;
  /** A reference program's name (`adamw`, `lion`, `sgd`) or a program as graph JSON. */
  readonly start?: string | Json;
  readonly newConstantChance?: number;
  readonly weights?: { readonly insert?: number; readonly delete?: number; readonly change?: number };
  readonly randomMutations?: number;
}

const SPACE_KEYS = ['maxStatements', 'start', 'newConstantChance', 'weights', 'randomMutations'];
const TASK_KEYS = ['proxy', 'lrGrid', 'timeLimitMs'];

function fields(owner: string, config: Json, known: readonly string[]): { readonly [key: string]: Json } {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`${owner} config must be a JSON object, got ${JSON.stringify(config)}`);
  for (const key of Object.keys(config)) if (!known.includes(key)) throw new UsageError(`${owner} config: unknown key '${key}'; known: ${known.join(', ')}`);
  return config;
}

/** The start program a config names or holds. */
function startProgram(start: Json | undefined): Graph | undefined {
  if (start === undefined) return undefined;
  if (typeof start === 'string') return referenceProgram(start);
  return parseGraph(start, optimizerOps);
}

/** Builds the optimizer program space from its config. */
export function optimizerSpaceFromConfig(config: Json): OptimizerSpace {
  const f = fields('optimizer-programs space', config, SPACE_KEYS) as OptimizerSpaceConfig;
  const start = startProgram(f.start as Json | undefined);
  const options: OptimizerSpaceOptions = {
    ...(f.maxStatements === undefined ? {} : { maxStatements: f.maxStatements }),
    ...(start === undefined ? {} : { start }),
    ...(f.newConstantChance === undefined ? {} : { newConstantChance: f.newConstantChance }),
    ...(f.weights === undefined ? {} : { weights: f.weights }),
    ...(f.randomMutations === undefined ? {} : { randomMutations: f.randomMutations }),
  };
  return optimizerSpace(options);
}

/** Builds the optimizer task from its config `{ proxy, lrGrid, timeLimitMs }`. */
export function optimizerTaskFromConfig(config: Json): OptimizerTask {
  const f = fields('optimizers task', config, TASK_KEYS);
  return optimizerTask({
    ...(f['proxy'] === undefined ? {} : { proxy: f['proxy'] as never }),
    ...(f['lrGrid'] === undefined ? {} : { lrGrid: f['lrGrid'] as number[] }),
    ...(f['timeLimitMs'] === undefined ? {} : { timeLimitMs: f['timeLimitMs'] as number }),
  });
}

if (!tasks.has('optimizers')) tasks.register('optimizers', optimizerTaskFromConfig, 'optimizer discovery: validation loss of a proxy training driven by an optimizer program');
if (!spaces.has('optimizer-programs')) spaces.register('optimizer-programs', optimizerSpaceFromConfig, `optimizer programs train(w, g, m, v, lr, step) from ${Object.keys(REFERENCE_PROGRAMS).join('/')}`, { start: 'adamw', maxStatements: 24 });
if (!programPrinters.has('optimizer-programs')) programPrinters.register('optimizer-programs', (genotype, config) => printProgram(optimizerSpaceFromConfig(config).fromJSON(genotype)));
