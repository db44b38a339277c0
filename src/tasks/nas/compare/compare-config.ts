import { resolve } from 'node:path';
import { UsageError } from '../../../core/errors.ts';
import { show, wholeNumber } from '../../../core/options.ts';
import { mixSeed } from '../../../core/rng.ts';
import type { Json, Objective } from '../../../core/types.ts';
import type { Recipe } from '../../../store/types.ts';
import { defaultNb201CsvPath } from '../nb201/default-data.ts';
import { NB201_DATASETS, parseNb201Dataset } from '../nb201/table.ts';
import type { Nb201Dataset } from '../nb201/table.ts';
import { CONTENDER_NAMES, parseContenderNames } from './contenders.ts';
import type { ContenderName } from './contenders.ts';

/** Default settings: RE as in the NAS-Bench-101 notebook (P = 50, S = 10). */
export const DEFAULT_POPULATION_SIZE = 50;
export const DEFAULT_TOURNAMENT_SIZE = 10;
/**
 * REINFORCE's default step per unit of reward, tuned on NAS-Bench-201 (seeds 1000-1029,
 * apart from the reported 0-99) over 0.002-0.05 per accuracy point; NAS-Bench-101 rewards
 * are fractions, so its default is 100 times larger.
 */
export const DEFAULT_LEARNING_RATE = { nb201: 0.01, nb101: 1 } as const;
/** Most member searches one comparison may hold: each is a stored study, created up front. */
export const MAX_COMPARE_MEMBERS = 100_000;

/**
 * Everything a comparison is, as plain data: what its group stores, so that its member
 * searches are rebuilt and its result printed from the store alone.
 */
export interface NasCompareConfig {
  readonly bench: 'nb201' | 'nb101';
  /** Absolute path of the CSV (NB201) or .tfrecord (NB101). */
  readonly dataset: string;
  /** NB201 image datasets, each compared separately; `[]` for NB101. */
  readonly metrics: readonly Nb201Dataset[];
  readonly algorithms: readonly ContenderName[];
  /** Searches per algorithm (and metric). */
  readonly seeds: number;
  /** Queries per search. */
  readonly budget: number;
  /** First seed: search s of every algorithm uses seed + s. */
  readonly seed: number;
  /** NB101 epoch budget. */
  readonly epochs: number;
  readonly populationSize: number;
  readonly tournamentSize: number;
  readonly learningRate: number;
}

/** One search of a comparison, as the member study it is stored as. */
export interface NasCompareMember {
  /** The member's name within the group: `<metric>-<algorithm>-<s>` (NB201), `<algorithm>-<s>` (NB101). */
  readonly member: string;
  readonly metric: Nb201Dataset | undefined;
  readonly algorithm: ContenderName;
  /** The seed index s (0-based; the search's seed comes from `seed + s`). */
  readonly index: number;
  readonly task: Recipe;
  readonly space: Recipe;
  readonly recipe: Recipe;
  /** The study seed, as the plain harness uses it: `mixSeed(seed + s, 0x5eed)`. */
  readonly studySeed: number;
}

/** What a comparison may be given; unset settings take the defaults above. */
export interface NasCompareSettings {
  readonly bench: string;
  readonly dataset?: string | undefined;
  readonly metrics?: readonly string[] | undefined;
  readonly algorithms?: readonly string[] | undefined;
  readonly seeds: number;
  readonly budget: number;
  readonly seed?: number | undefined;
  readonly epochs?: number | undefined;
  readonly populationSize?: number | undefined;
  readonly tournamentSize?: number | undefined;
  readonly learningRate?: number | undefined;
}

/** Checks a comparison's settings and fills in the defaults; every problem is one UsageError. */
export function nasCompareConfig(settings: NasCompareSettings): NasCompareConfig {
  const owner = 'nas compare';
  const { bench } = settings;
  if (bench !== 'nb201' && bench !== 'nb101') throw new UsageError(`--bench must be nb201 or nb101, got '${bench}'`);
  const algorithms = parseContenderNames(settings.algorithms ?? CONTENDER_NAMES);
  if (algorithms.length === 0) throw new UsageError('compare: give at least one algorithm');
  if (new Set(algorithms).size !== algorithms.length) throw new UsageError(`compare: algorithm names must differ, got ${algorithms.join(', ')}`);
  const metrics = bench === 'nb201' ? (settings.metrics ?? ['cifar10']).map(parseNb201Dataset) : [];
  if (bench === 'nb201' && metrics.length === 0) throw new UsageError('give at least one NAS-Bench-201 metric');
  if (new Set(metrics).size !== metrics.length) throw new UsageError(`the NAS-Bench-201 metrics must differ, got ${metrics.join(', ')}`);
  if (bench === 'nb101' && settings.dataset === undefined) throw new UsageError('nb101 needs --dataset: the path of nasbench_only108.tfrecord or nasbench_full.tfrecord');
  const seeds = wholeNumber(owner, 'seeds', settings.seeds, 1);
  const members = seeds * algorithms.length * Math.max(1, metrics.length);
  if (members > MAX_COMPARE_MEMBERS) {
    throw new UsageError(`${owner}: ${members} searches (seeds × algorithms × metrics) are more than the ${MAX_COMPARE_MEMBERS} one comparison stores; use fewer --seeds`);
  }
  const learningRate = settings.learningRate ?? DEFAULT_LEARNING_RATE[bench];
  if (!(learningRate > 0 && Number.isFinite(learningRate))) throw new UsageError(`${owner}: learning rate must be a number > 0, got ${show(learningRate)}`);
  return {
    bench,
    dataset: resolve(settings.dataset ?? defaultNb201CsvPath()),
    metrics,
    algorithms,
    seeds,
    budget: wholeNumber(owner, 'budget', settings.budget, 1),
    seed: wholeNumber(owner, 'seed', settings.seed ?? 0, 0),
    epochs: wholeNumber(owner, 'epochs', settings.epochs ?? 108, 1),
    populationSize: wholeNumber(owner, 'population size', settings.populationSize ?? DEFAULT_POPULATION_SIZE, 1),
    tournamentSize: wholeNumber(owner, 'tournament size', settings.tournamentSize ?? DEFAULT_TOURNAMENT_SIZE, 1),
    learningRate,
  };
}

/** A stored comparison's config, checked again (it came from a store). */
export function readNasCompareConfig(json: Json): NasCompareConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new UsageError(`a nas-compare group's config must be an object, got ${show(json)}`);
  const c = json as unknown as NasCompareConfig;
  return nasCompareConfig({ ...c, metrics: c.bench === 'nb201' ? c.metrics : undefined });
}

/** The config as the JSON a group stores. */
export function nasCompareConfigJson(config: NasCompareConfig): Json {
  return { ...config, metrics: [...config.metrics], algorithms: [...config.algorithms] };
}

/**
 * Every member search of a comparison, in the order they run: per metric, seed s of every
 * algorithm before seed s + 1 of any, so the searches finished when a run stops still pair up.
 */
export function nasCompareMembers(config: NasCompareConfig): NasCompareMember[] {
  const members: NasCompareMember[] = [];
  const metrics: readonly (Nb201Dataset | undefined)[] = config.bench === 'nb201' ? config.metrics : [undefined];
  for (const metric of metrics) {
    for (let index = 0; index < config.seeds; index++) {
      for (const algorithm of config.algorithms) {
        const parts = config.bench === 'nb201' ? nb201Recipes(config, metric!, algorithm) : nb101Recipes(config, algorithm);
        const member = `${metric === undefined ? '' : `${metric}-`}${algorithm}-${index}`;
        members.push({ member, metric, algorithm, index, ...parts, studySeed: mixSeed(config.seed + index, 0x5eed) });
      }
    }
  }
  return members;
}

/** The objective every member study measures: the validation accuracy its task reports. */
export function nasCompareObjectives(config: NasCompareConfig): readonly Objective[] {
  return [{ name: config.bench === 'nb201' ? 'validation-accuracy-percent' : 'validation-accuracy', goal: 'max' }];
}

/** The algorithm recipe of one contender over the DNA or matrix encoding it searches. */
function algorithmRecipe(config: NasCompareConfig, algorithm: ContenderName): Recipe {
  if (algorithm === 're') return { id: 'regularized-evolution', config: { populationSize: config.populationSize, tournamentSize: config.tournamentSize } };
  if (algorithm === 'rs') return { id: 'random-search', config: {} };
  return { id: 'reinforce', config: { learningRate: config.learningRate } };
}

/** NAS-Bench-201: every contender searches the same six-decision DNA space. */
function nb201Recipes(config: NasCompareConfig, metric: Nb201Dataset, algorithm: ContenderName): Pick<NasCompareMember, 'task' | 'space' | 'recipe'> {
  return { task: { id: 'nas-bench-201', config: { dataset: config.dataset, metric } }, space: { id: 'nas-bench-201', config: {} }, recipe: algorithmRecipe(config, algorithm) };
}

/**
 * NAS-Bench-101 as in the paper's notebook and comparison: random search draws valid cells,
 * evolution mutates the adjacency matrix (edges flip with p = 1/7, ops change with p = 1/5,
 * until valid), and REINFORCE samples 21 edge bits and 5 ops, where an invalid cell costs no
 * query (the `nas-bench-101-valid-cells` wrapper).
 */
function nb101Recipes(config: NasCompareConfig, algorithm: ContenderName): Pick<NasCompareMember, 'task' | 'space' | 'recipe'> {
  const task = { dataset: config.dataset, epochs: config.epochs };
  if (algorithm !== 'reinforce') return { task: { id: 'nas-bench-101', config: task }, space: { id: 'nas-bench-101', config: {} }, recipe: algorithmRecipe(config, algorithm) };
  return {
    task: { id: 'nas-bench-101', config: { ...task, encoding: 'dna' } },
    space: { id: 'nas-bench-101-dna', config: {} },
    recipe: { id: 'nas-bench-101-valid-cells', config: { algorithm: algorithmRecipe(config, algorithm) as unknown as Json } },
  };
}

/** The image datasets a `--metric` flag names: a comma-separated list, or `all`. */
export function parseMetricsFlag(flag: string): Nb201Dataset[] {
  return flag === 'all' ? [...NB201_DATASETS] : flag.split(',').map((m) => parseNb201Dataset(m.trim()));
}
