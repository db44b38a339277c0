import { UsageError } from '../core/errors.ts';
import { show, wholeNumber } from '../core/options.ts';
import { algorithms, spaces, tasks } from '../core/registries.ts';
import type { Json } from '../core/types.ts';
import { fecCache, type FecCacheOptions } from '../hashing/fec-cache.ts';
import type { Recipe } from './types.ts';

/**
 * A search defined in a module of the user's own: the default export of the file that
 * `amoeba run search.ts` runs. The module registers its task (and space, if new) with the
 * registries on import; the recipes name them, so the study can be stored, resumed and
 * evaluated on worker threads and `amoeba worker` machines.
 *
 * @example
 * tasks.register('fit-xy', (config) => fitXyTask(config));
 * export default {
 *   task: { id: 'fit-xy', config: { points: 50 } },
 *   space: { id: 'graph', config: { inputs: 2, ops: ['add', 'sub', 'mul'], maxVertices: 12 } },
 *   algorithm: { id: 'regularized-evolution', config: { populationSize: 100 } },
 *   budgetTrials: 20_000,
 * } satisfies SearchFile;
 */
export interface SearchFile {
  /** The stored study's name is `<name>-<n>`; default: the file's base name. */
  readonly name?: string;
  /** A registered task by id, with its JSON config. */
  readonly task: Recipe;
  /** A registered space by id, with its JSON config. */
  readonly space: Recipe;
  /** A registered algorithm by name, with its JSON config (default `{}`). */
  readonly algorithm: Recipe;
  /** Trials to run; `--budget` overrides it. Without it or `budgetSeconds`, 10,000. */
  readonly budgetTrials?: number;
  /** Seconds to run; `--time-limit` overrides it. */
  readonly budgetSeconds?: number;
  /** The study's seed; `--seed` overrides it (default 0). */
  readonly seed?: number;
  /**
   * Functional-equivalence caching: `fecCache`'s options as JSON (`{}` for its defaults),
   * stored with the study; omitted, every trial is evaluated. Needs a task with a fingerprint.
   */
  readonly cache?: Json;
}

const KEYS = ['name', 'task', 'space', 'algorithm', 'budgetTrials', 'budgetSeconds', 'seed', 'cache'];

/**
 * Checks a search file's default export: every key known, each recipe naming a registered
 * part. `where` names the file in the errors.
 */
export function checkSearchFile(value: unknown, where: string): SearchFile {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${where}: the default export must be a search definition { task, space, algorithm, budgetTrials? }, got ${show(value)}`);
  }
  const fields = value as { readonly [key: string]: unknown };
  const unknown = Object.keys(fields).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`${where}: unknown key '${unknown}' in the search definition; known: ${KEYS.join(', ')}`);
  const recipe = (key: 'task' | 'space' | 'algorithm', registry: { has(name: string): boolean; list(): { name: string }[] }): Recipe => {
    const r = fields[key] as { id?: unknown; config?: unknown } | undefined;
    if (r === null || typeof r !== 'object' || typeof r.id !== 'string') {
      throw new UsageError(`${where}: ${key} must be { id: '<registered ${key}>', config: {...} }, got ${show(r)}`);
    }
    if (!registry.has(r.id)) {
      throw new UsageError(`${where}: no ${key} '${r.id}' is registered (known: ${registry.list().map((e) => e.name).join(', ')}); register it in the file before the default export`);
    }
    return { id: r.id, config: (r.config ?? {}) as Json };
  };
  const name = fields['name'];
  if (name !== undefined && (typeof name !== 'string' || !/^[\w.-]+$/.test(name))) {
    throw new UsageError(`${where}: name must be letters, digits, '.', '_' or '-', got ${show(name)}`);
  }
  const seconds = fields['budgetSeconds'];
  if (seconds !== undefined && !(typeof seconds === 'number' && seconds > 0)) throw new UsageError(`${where}: budgetSeconds must be a number > 0, got ${show(seconds)}`);
  return {
    ...(name === undefined ? {} : { name: name as string }),
    task: recipe('task', tasks),
    space: recipe('space', spaces),
    algorithm: recipe('algorithm', algorithms),
    ...(fields['budgetTrials'] === undefined ? {} : { budgetTrials: wholeNumber(where, 'budgetTrials', fields['budgetTrials'], 1) }),
    ...(seconds === undefined ? {} : { budgetSeconds: seconds as number }),
    ...(fields['seed'] === undefined ? {} : { seed: wholeNumber(where, 'seed', fields['seed'], -(2 ** 31), 2 ** 31 - 1) }),
    ...(fields['cache'] === undefined ? {} : { cache: cacheOptions(fields['cache'], where) }),
  };
}

function cacheOptions(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${where}: cache must be fecCache's options as an object ({} for the defaults), got ${show(value)}`);
  // Checked by fecCache itself, which names the option.
  fecCache(value as FecCacheOptions);
  return value as Json;
}
