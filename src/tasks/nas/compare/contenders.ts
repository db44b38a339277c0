import { randomSearch } from '../../../algorithms/random-search.ts';
import { regularizedEvolution } from '../../../algorithms/regularized-evolution.ts';
import { reinforce } from '../../../algorithms/reinforce.ts';
import { UsageError } from '../../../core/errors.ts';
import type { DNA } from '../../../spaces/symbolic/index.ts';
import { nasBench101DnaSpace, nb101SpecOfDna } from '../nb101/dna-space.ts';
import type { NasBench101 } from '../nb101/query-api.ts';
import { nasBench101Space } from '../nb101/space.ts';
import type { Nb201Space } from '../nb201/space.ts';
import { contender } from './harness.ts';
import type { Contender } from './harness.ts';
import { nb101Benchmark } from './nb101-benchmark.ts';
import type { TabularBenchmark } from './tabular-benchmark.ts';

/** The algorithms a comparison can enter: regularized evolution, random search, REINFORCE. */
export const CONTENDER_NAMES = ['re', 'rs', 'reinforce'] as const;
/** One of `CONTENDER_NAMES`. */
export type ContenderName = (typeof CONTENDER_NAMES)[number];

/** Checks a list of algorithm names. */
export function parseContenderNames(names: readonly string[]): ContenderName[] {
  for (const name of names) {
    if (!(CONTENDER_NAMES as readonly string[]).includes(name)) throw new UsageError(`unknown algorithm '${name}'; use some of ${CONTENDER_NAMES.join(', ')}`);
  }
  return names as ContenderName[];
}

/** Settings of the compared algorithms. */
export interface ContenderSettings {
  /** Regularized evolution's population P. */
  readonly populationSize: number;
  /** Regularized evolution's tournament size S. */
  readonly tournamentSize: number;
  /** REINFORCE's step in logits per unit of validation score (percent on NB201, fraction on NB101). */
  readonly learningRate: number;
}

/** NAS-Bench-201 contenders: all three search the same six-decision DNA space. */
export function nb201Contenders(names: readonly ContenderName[], benchmark: TabularBenchmark<DNA>, settings: ContenderSettings): Contender[] {
  const space = benchmark.space as Nb201Space;
  const make = {
    re: () => regularizedEvolution({ space, populationSize: settings.populationSize, tournamentSize: settings.tournamentSize }),
    rs: () => randomSearch({ space }),
    reinforce: () => reinforce({ space, learningRate: settings.learningRate }),
  };
  return names.map((name) => contender(name, benchmark, make[name]));
}

/**
 * NAS-Bench-101 contenders as in the paper's notebook and comparison: random search draws
 * valid cells, evolution mutates the adjacency matrix (edges flip with p = 1/7, ops change
 * with p = 1/5, until valid), and REINFORCE samples 21 edge bits and 5 ops, where an
 * invalid cell is a failed trial that costs no query.
 */
export function nb101Contenders(names: readonly ContenderName[], bench: NasBench101, settings: ContenderSettings, epochs = 108): Contender[] {
  const matrixSpace = nasBench101Space();
  const dnaSpace = nasBench101DnaSpace();
  const matrices = nb101Benchmark(bench, matrixSpace, (spec) => spec, epochs);
  const dnas = nb101Benchmark(bench, dnaSpace, nb101SpecOfDna, epochs);
  return names.map((name) => {
    if (name === 'reinforce') return contender(name, dnas, () => reinforce({ space: dnaSpace, learningRate: settings.learningRate }));
    if (name === 'rs') return contender(name, matrices, () => randomSearch({ space: matrixSpace }));
    return contender(name, matrices, () => regularizedEvolution({ space: matrixSpace, populationSize: settings.populationSize, tournamentSize: settings.tournamentSize }));
  });
}
