/**
 * Registers NAS-Bench-201 by id, so a worker, `amoeba resume` or a JSON config rebuild it:
 * the task `nas-bench-201` with `{ dataset?: path of the CSV, metric?: 'cifar10' | 'cifar100'
 * | 'imagenet16-120' }` and the space `nas-bench-201` (six op decisions as DNA), whose
 * factory takes no options, so its config is `{}`.
 */
import { spaces, tasks } from '../../../core/registries.ts';
import type { Json, Space, Task } from '../../../core/types.ts';
import { loadedOnce } from '../common/loaded-once.ts';
import { optionalField, readRecipeConfig } from '../common/recipe-config.ts';
import { defaultNb201CsvPath } from './default-data.ts';
import { nasBench201Space } from './space.ts';
import { loadNb201Table, parseNb201Dataset } from './table.ts';
import { nasBench201Task } from './task.ts';

/** The config keys of the NAS-Bench-201 task and space. */
export const NB201_CONFIG_KEYS = { task: ['dataset', 'metric'], space: [] } as const;

/** The table of a CSV, read once per process while the file is unchanged. */
export const nb201TableOnce = loadedOnce(loadNb201Table);

/** The NAS-Bench-201 task from its config (the mini table beside the checkout by default). */
export function nb201TaskFromConfig(config: Json): Task<unknown> {
  const owner = 'task nas-bench-201';
  const fields = readRecipeConfig(owner, config, NB201_CONFIG_KEYS.task);
  const dataset = optionalField<string>(owner, fields, 'dataset', 'string');
  const metric = optionalField<string>(owner, fields, 'metric', 'string');
  return nasBench201Task({ table: nb201TableOnce(dataset ?? defaultNb201CsvPath()), dataset: parseNb201Dataset(metric ?? 'cifar10') }) as Task<unknown>;
}

/** The NAS-Bench-201 DNA space from its config, which must be empty. */
export function nb201SpaceFromConfig(config: Json): Space<unknown> {
  readRecipeConfig('space nas-bench-201', config, NB201_CONFIG_KEYS.space);
  return nasBench201Space() as unknown as Space<unknown>;
}

if (!tasks.has('nas-bench-201')) tasks.register('nas-bench-201', nb201TaskFromConfig, 'NAS-Bench-201 cells (DNA) scored by validation accuracy');
if (!spaces.has('nas-bench-201')) spaces.register('nas-bench-201', nb201SpaceFromConfig, 'NAS-Bench-201 cells: one of five ops on each of six edges, as DNA', {});
