/**
 * Registers NAS-Bench-101 by id, so a worker, `amoeba resume` or a JSON config rebuild it:
 * - task `nas-bench-101`: `{ dataset: path of the .tfrecord, epochs?, stopHalfway?, seed?,
 *   encoding?: 'matrix' | 'dna' }`; `dna` scores genotypes of the `nas-bench-101-dna` space;
 * - space `nas-bench-101`: `{ mutation?: 'notebook' | 'single', mutationRate? }`, cells as
 *   adjacency matrix and ops;
 * - space `nas-bench-101-dna`: `{}`, 21 edge bits and 5 ops, the REINFORCE controller's encoding;
 * - algorithm `nas-bench-101-valid-cells`: `{ algorithm: { id, config }, snapshot? }`, the
 *   inner algorithm with invalid cells costing no trial (see valid-cells.ts).
 */
import { UsageError } from '../../../core/errors.ts';
import { oneOfValues, show } from '../../../core/options.ts';
import { algorithms, spaces, tasks } from '../../../core/registries.ts';
import type { Algorithm, Json, Space, Task } from '../../../core/types.ts';
import type { DNA } from '../../../spaces/symbolic/index.ts';
import { loadedOnce } from '../common/loaded-once.ts';
import { optionalField, readRecipeConfig } from '../common/recipe-config.ts';
import { nasBench101DnaSpace, nb101SpecOfDna } from './dna-space.ts';
import { loadNb101Index } from './loader.ts';
import type { LoadNb101Options } from './loader.ts';
import type { Nb101Index } from './dataset-index.ts';
import { nasBench101 } from './query-api.ts';
import { nasBench101Space } from './space.ts';
import type { Nb101MutationKind } from './space.ts';
import { nasBench101Task } from './task.ts';
import type { Nb101Spec } from './spec.ts';
import { readValidCellsSnapshot, validNb101Proposals } from './valid-cells.ts';

/** The config keys of each NAS-Bench-101 recipe. */
export const NB101_CONFIG_KEYS = {
  task: ['dataset', 'epochs', 'stopHalfway', 'seed', 'encoding'],
  space: ['mutation', 'mutationRate'],
  dnaSpace: [],
  validCells: ['algorithm', 'snapshot'],
} as const;

/** How the `nas-bench-101` task reads its genotypes. */
export type Nb101Encoding = 'matrix' | 'dna';

let loadOptions: LoadNb101Options = {};
const loadIndex = loadedOnce((path): Nb101Index => loadNb101Index(path, loadOptions).index, 1);

/**
 * The dataset's index, loaded once per process and file: the first load may say how (index
 * cache, progress), later ones (every member study of a comparison) reuse it.
 */
export function nb101IndexOnce(path: string, options: LoadNb101Options = {}): Nb101Index {
  loadOptions = options;
  try {
    return loadIndex(path);
  } finally {
    loadOptions = {};
  }
}

/** The NAS-Bench-101 task from its config. */
export function nb101TaskFromConfig(config: Json): Task<unknown> {
  const owner = 'task nas-bench-101';
  const fields = readRecipeConfig(owner, config, NB101_CONFIG_KEYS.task);
  const dataset = optionalField<string>(owner, fields, 'dataset', 'string');
  if (dataset === undefined) throw new UsageError(`${owner}: config.dataset must be the path of nasbench_only108.tfrecord or nasbench_full.tfrecord`);
  const epochs = optionalField<number>(owner, fields, 'epochs', 'number');
  const stopHalfway = optionalField<boolean>(owner, fields, 'stopHalfway', 'boolean');
  const seed = optionalField<number>(owner, fields, 'seed', 'number');
  const encoding = fields['encoding'] === undefined ? 'matrix' : oneOfValues<Nb101Encoding>(owner, 'config.encoding', fields['encoding'], ['matrix', 'dna']);
  const bench = nasBench101(nb101IndexOnce(dataset), seed === undefined ? {} : { seed });
  const task = nasBench101Task({ bench, ...(epochs === undefined ? {} : { epochs }), ...(stopHalfway === undefined ? {} : { stopHalfway }) });
  if (encoding === 'matrix') return task as Task<unknown>;
  return { id: task.id, objectives: task.objectives, evaluate: (dna: DNA, ctx) => task.evaluate(nb101SpecOfDna(dna), ctx) } as Task<unknown>;
}

/** The NAS-Bench-101 matrix space from its config. */
export function nb101SpaceFromConfig(config: Json): Space<unknown> {
  const owner = 'space nas-bench-101';
  const fields = readRecipeConfig(owner, config, NB101_CONFIG_KEYS.space);
  const mutation = fields['mutation'] === undefined ? undefined : oneOfValues<Nb101MutationKind>(owner, 'config.mutation', fields['mutation'], ['notebook', 'single']);
  const mutationRate = optionalField<number>(owner, fields, 'mutationRate', 'number');
  return nasBench101Space({ ...(mutation === undefined ? {} : { mutation }), ...(mutationRate === undefined ? {} : { mutationRate }) }) as Space<Nb101Spec> as Space<unknown>;
}

/** The NAS-Bench-101 DNA space from its config, which must be empty. */
export function nb101DnaSpaceFromConfig(config: Json): Space<unknown> {
  readRecipeConfig('space nas-bench-101-dna', config, NB101_CONFIG_KEYS.dnaSpace);
  return nasBench101DnaSpace() as unknown as Space<unknown>;
}

/** The valid-cells wrapper from its config: the inner algorithm's recipe, and a snapshot to resume. */
export function validCellsFromConfig(space: Space<unknown>, config: Json): Algorithm<unknown> {
  const owner = 'algorithm nas-bench-101-valid-cells';
  const fields = readRecipeConfig(owner, config, NB101_CONFIG_KEYS.validCells);
  const recipe = fields['algorithm'] as { id?: unknown; config?: unknown } | undefined;
  if (recipe === undefined || recipe === null || typeof recipe !== 'object' || typeof recipe.id !== 'string') {
    throw new UsageError(`${owner}: config.algorithm must be { id, config } naming a registered algorithm, got ${show(recipe)}`);
  }
  if (recipe.id === 'nas-bench-101-valid-cells') throw new UsageError(`${owner}: config.algorithm must not be another nas-bench-101-valid-cells`);
  const innerConfig = (recipe.config ?? {}) as Json;
  if (typeof innerConfig !== 'object' || innerConfig === null || Array.isArray(innerConfig)) throw new UsageError(`${owner}: config.algorithm.config must be an object, got ${show(innerConfig)}`);
  const snapshot = fields['snapshot'] === undefined ? undefined : readValidCellsSnapshot(fields['snapshot'] as Json);
  const inner = algorithms.get(recipe.id)(space, snapshot === undefined ? innerConfig : { ...innerConfig, snapshot: snapshot.inner }) as Algorithm<DNA>;
  return validNb101Proposals(inner, snapshot?.invalidProposals ?? 0) as Algorithm<unknown>;
}

if (!tasks.has('nas-bench-101')) tasks.register('nas-bench-101', nb101TaskFromConfig, 'NAS-Bench-101 cells scored by a repeat of their validation accuracy');
if (!spaces.has('nas-bench-101')) spaces.register('nas-bench-101', nb101SpaceFromConfig, 'NAS-Bench-101 cells: 7-vertex DAGs mutated as in the paper notebook', { mutation: 'notebook', mutationRate: 1.5 });
if (!spaces.has('nas-bench-101-dna')) spaces.register('nas-bench-101-dna', nb101DnaSpaceFromConfig, 'NAS-Bench-101 cells as 21 edge bits and 5 ops (DNA)', {});
if (!algorithms.has('nas-bench-101-valid-cells')) {
  algorithms.register('nas-bench-101-valid-cells', validCellsFromConfig, 'an algorithm over nas-bench-101-dna whose invalid cells cost no trial', {
    space: { id: 'nas-bench-101-dna', config: {} },
    config: { algorithm: { id: 'reinforce', config: { learningRate: 0.005 } } },
  });
}
