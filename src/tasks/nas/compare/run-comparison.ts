// The member studies are rebuilt from their recipes: the registries must hold them.
import '../../../algorithms/register.ts';
import '../nb101/register.ts';
import '../nb201/register.ts';
import { memoryStore } from '../../../store/memory-store.ts';
import type { StudyStore } from '../../../store/types.ts';
import type { LoadNb101Options } from '../nb101/loader.ts';
import { nb101IndexOnce } from '../nb101/register.ts';
import type { Nb201Dataset } from '../nb201/table.ts';
import { nasCompareConfig, nasCompareMembers, nasCompareObjectives } from './compare-config.ts';
import type { NasCompareConfig } from './compare-config.ts';
import type { ContenderName, ContenderSettings } from './contenders.ts';
import { runMemberStudies } from './run-members.ts';
import { storedNasComparison } from './stored-comparison.ts';
import type { NasComparisonOutput } from './stored-comparison.ts';

export { DEFAULT_LEARNING_RATE, DEFAULT_POPULATION_SIZE, DEFAULT_TOURNAMENT_SIZE } from './compare-config.ts';
export type { NasComparisonOutput } from './stored-comparison.ts';

/** Options of `runNasComparison`. */
export interface NasComparisonOptions extends Partial<ContenderSettings> {
  readonly bench: 'nb201' | 'nb101';
  /** The CSV (NB201; the mini table beside the checkout by default) or .tfrecord (NB101, required). */
  readonly dataset?: string;
  /** NB201 image datasets to compare on, each separately. */
  readonly metrics?: readonly Nb201Dataset[];
  readonly algorithms: readonly ContenderName[];
  readonly seeds: number;
  readonly budget: number;
  readonly seedOffset?: number;
  /** NB101 epoch budget; 108 by default. */
  readonly epochs?: number;
  /** How to load an NB101 dataset (cache, progress). */
  readonly load?: LoadNb101Options;
  /** Aborting stops the search running; the seeds finished are reported. */
  readonly signal?: AbortSignal;
  /** Start no new search after this many seconds (over every metric together). */
  readonly timeLimitSeconds?: number;
  /** Called after each search with the searches finished and the searches asked for. */
  readonly onProgress?: (searchesDone: number, searchesTotal: number) => void;
}

/**
 * Regularized evolution, random search and REINFORCE on NAS-Bench-201 (per image dataset)
 * or NAS-Bench-101, over many seeds, each search a study in a private memory store: the
 * `amoeba nas compare` command without its flags and its stored group. Stopped early
 * (signal or time limit), it reports the seeds whose every search finished.
 */
export async function runNasComparison(options: NasComparisonOptions): Promise<NasComparisonOutput> {
  const config = nasCompareConfig({
    ...options,
    ...(options.seedOffset === undefined ? {} : { seed: options.seedOffset }),
  });
  if (config.bench === 'nb101') nb101IndexOnce(config.dataset, options.load);
  const store = memoryStore();
  const names = createNasCompareMembers(store, config, (member) => member);
  await runMemberStudies(store, names, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }),
    ...(options.onProgress === undefined ? {} : { onFinished: options.onProgress }),
  });
  return storedNasComparison(store, config, (member) => member);
}

/**
 * Adds every member search of a comparison to `store` as a study named `nameOf(member)`,
 * budgeted in queries, each with its own seed, none run yet; returns their names in run order.
 */
export function createNasCompareMembers(store: StudyStore, config: NasCompareConfig, nameOf: (member: string) => string): string[] {
  const objectives = nasCompareObjectives(config);
  return nasCompareMembers(config).map((m) => {
    const name = nameOf(m.member);
    store.createStudy({ name, task: m.task, space: m.space, algorithm: m.recipe, objectives, seed: m.studySeed, budgetTrials: config.budget, budgetSeconds: undefined });
    return name;
  });
}
