/**
 * Registers the NAS tasks by id, so a worker or a JSON config can rebuild them:
 * `nas-bench-101` with `{ dataset: path of the .tfrecord, epochs?, stopHalfway?, seed? }`
 * and `nas-bench-201` with `{ dataset?: path of the CSV, metric?: 'cifar10' | 'cifar100' |
 * 'imagenet16-120' }`. Importing this module registers them once.
 */
import { UsageError } from '../../core/errors.ts';
import { tasks } from '../../core/registries.ts';
import type { Json, Task } from '../../core/types.ts';
import { loadNb101Index } from './nb101/loader.ts';
import { nasBench101 } from './nb101/query-api.ts';
import { nasBench101Task } from './nb101/task.ts';
import { defaultNb201CsvPath } from './nb201/default-data.ts';
import { loadNb201Table, parseNb201Dataset } from './nb201/table.ts';
import { nasBench201Task } from './nb201/task.ts';

/** The config keys each registered NAS task accepts. */
export const NAS_TASK_CONFIG_KEYS = {
  'nas-bench-101': ['dataset', 'epochs', 'stopHalfway', 'seed'],
  'nas-bench-201': ['dataset', 'metric'],
} as const;

function readConfig(id: keyof typeof NAS_TASK_CONFIG_KEYS, config: Json): { readonly [key: string]: unknown } {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new UsageError(`${id}: the task config must be an object`);
  const known: readonly string[] = NAS_TASK_CONFIG_KEYS[id];
  for (const key of Object.keys(config)) if (!known.includes(key)) throw new UsageError(`${id}: unknown config key '${key}'; known: ${known.join(', ')}`);
  return config;
}

function optional<T>(id: string, key: string, value: unknown, type: 'string' | 'number' | 'boolean'): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== type) throw new UsageError(`${id}: config.${key} must be a ${type}, got ${JSON.stringify(value)}`);
  return value as T;
}

tasks.register(
  'nas-bench-101',
  (config): Task<unknown> => {
    const fields = readConfig('nas-bench-101', config);
    const dataset = optional<string>('nas-bench-101', 'dataset', fields['dataset'], 'string');
    if (dataset === undefined) throw new UsageError('nas-bench-101: config.dataset must be the path of nasbench_only108.tfrecord or nasbench_full.tfrecord');
    const epochs = optional<number>('nas-bench-101', 'epochs', fields['epochs'], 'number');
    const stopHalfway = optional<boolean>('nas-bench-101', 'stopHalfway', fields['stopHalfway'], 'boolean');
    const seed = optional<number>('nas-bench-101', 'seed', fields['seed'], 'number');
    const bench = nasBench101(loadNb101Index(dataset).index, seed === undefined ? {} : { seed });
    return nasBench101Task({ bench, ...(epochs === undefined ? {} : { epochs }), ...(stopHalfway === undefined ? {} : { stopHalfway }) }) as Task<unknown>;
  },
  'NAS-Bench-101 cells scored by a repeat of their validation accuracy',
);

tasks.register(
  'nas-bench-201',
  (config): Task<unknown> => {
    const fields = readConfig('nas-bench-201', config);
    const dataset = optional<string>('nas-bench-201', 'dataset', fields['dataset'], 'string');
    const metric = optional<string>('nas-bench-201', 'metric', fields['metric'], 'string');
    const imageDataset = parseNb201Dataset(metric ?? 'cifar10');
    return nasBench201Task({ table: loadNb201Table(dataset ?? defaultNb201CsvPath()), dataset: imageDataset }) as Task<unknown>;
  },
  'NAS-Bench-201 cells (DNA) scored by validation accuracy',
);
