import { UsageError } from '../../../core/errors.ts';
import { Rng } from '../../../core/rng.ts';
import type { Algorithm, Trial } from '../../../core/types.ts';
import type { TabularAnswer, TabularBenchmark } from './tabular-benchmark.ts';

/** The trajectory of one search: after query k, the incumbent's regret and seconds spent. */
export interface SearchTrajectory {
  /** Test regret of the architecture with the best validation score among queries 0..k. */
  readonly regret: Float64Array;
  /** Simulated training seconds spent by queries 0..k. */
  readonly seconds: Float64Array;
  /** Proposals outside the table's space, fed back as failed trials and not counted as queries. */
  readonly invalidProposals: number;
}

// A search that proposes this many invalid cells in a row has stopped searching.
const MAX_INVALID_IN_A_ROW = 10_000;

/**
 * Runs `algorithm` until it has made `budget` queries of a tabular benchmark, with a plain
 * ask/tell loop (no Study: nothing to cache, store or run in parallel when a query is a table
 * lookup). The incumbent is chosen by validation score only; ties keep the earlier one. An
 * invalid proposal becomes a failed trial and costs no query.
 */
export function runSearch<G>(benchmark: TabularBenchmark<G>, algorithm: Algorithm<G>, budget: number, seed: number): SearchTrajectory {
  const rng = new Rng(seed);
  const regret = new Float64Array(budget);
  const seconds = new Float64Array(budget);
  let bestValidation = -Infinity;
  let incumbentTest = NaN;
  let spent = 0;
  let invalid = 0;
  let invalidInARow = 0;
  for (let id = 0, queries = 0; queries < budget; id++) {
    const genotype = algorithm.propose(rng);
    const answer = benchmark.query(genotype, rng);
    if (answer !== undefined) spent += answer.seconds;
    algorithm.feedback(trialOf(id, genotype, answer, spent));
    if (answer === undefined) {
      invalid++;
      if (++invalidInARow >= MAX_INVALID_IN_A_ROW) throw new UsageError(`${benchmark.name}: ${MAX_INVALID_IN_A_ROW} invalid proposals in a row; the search is stuck`);
      continue;
    }
    invalidInARow = 0;
    if (answer.validation > bestValidation) {
      bestValidation = answer.validation;
      incumbentTest = answer.test;
    }
    regret[queries] = benchmark.bestTest - incumbentTest;
    seconds[queries] = spent;
    queries++;
  }
  return { regret, seconds, invalidProposals: invalid };
}

/** A finished trial; its time is the simulated training time spent so far. */
function trialOf<G>(id: number, genotype: G, answer: TabularAnswer | undefined, spentSeconds: number): Trial<G> {
  const done = answer !== undefined;
  return {
    id,
    genotype,
    key: done ? answer.key : '',
    hash: undefined,
    status: done ? 'done' : 'failed',
    values: [done ? answer.validation : NaN],
    loss: [done ? -answer.validation : Infinity],
    error: done ? undefined : 'outside the benchmark space',
    cached: false,
    finishedMs: spentSeconds * 1000,
    info: done ? { test: answer.test, seconds: answer.seconds } : undefined,
  };
}
