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
  const recorder = new TrajectoryRecorder(budget, benchmark.bestTest);
  let spent = 0;
  let invalidInARow = 0;
  for (let id = 0; recorder.queries < budget; id++) {
    const genotype = algorithm.propose(rng);
    const answer = benchmark.query(genotype, rng);
    if (answer !== undefined) spent += answer.seconds;
    algorithm.feedback(trialOf(id, genotype, answer, spent));
    if (answer === undefined) {
      recorder.invalid();
      if (++invalidInARow >= MAX_INVALID_IN_A_ROW) throw new UsageError(`${benchmark.name}: ${MAX_INVALID_IN_A_ROW} invalid proposals in a row; the search is stuck`);
      continue;
    }
    invalidInARow = 0;
    recorder.query(answer);
  }
  return recorder.trajectory();
}

/**
 * A search's trajectory, built query by query: the incumbent is the query with the best
 * validation score so far (ties keep the earlier one), and its test score gives the regret.
 */
export class TrajectoryRecorder {
  private readonly regret: Float64Array;
  private readonly seconds: Float64Array;
  private bestValidation = -Infinity;
  private incumbentTest = NaN;
  private spent = 0;
  private invalidProposals = 0;
  /** Queries recorded so far. */
  queries = 0;

  constructor(
    private readonly budget: number,
    private readonly bestTest: number,
  ) {
    this.regret = new Float64Array(budget);
    this.seconds = new Float64Array(budget);
  }

  /** Records one query (a query past the budget is ignored). */
  query(answer: Pick<TabularAnswer, 'validation' | 'test' | 'seconds'>): void {
    if (this.queries >= this.budget) return;
    this.spent += answer.seconds;
    if (answer.validation > this.bestValidation) {
      this.bestValidation = answer.validation;
      this.incumbentTest = answer.test;
    }
    this.regret[this.queries] = this.bestTest - this.incumbentTest;
    this.seconds[this.queries] = this.spent;
    this.queries++;
  }

  /** Counts an invalid proposal: fed back as failed, no query. */
  invalid(count = 1): void {
    this.invalidProposals += count;
  }

  /** Fills the queries short of the budget with the incumbent's regret (a search whose trials failed). */
  holdToBudget(): void {
    const last = this.queries - 1;
    for (; this.queries < this.budget; this.queries++) {
      this.regret[this.queries] = last < 0 ? NaN : this.regret[last]!;
      this.seconds[this.queries] = this.spent;
    }
  }

  trajectory(): SearchTrajectory {
    return { regret: this.regret, seconds: this.seconds, invalidProposals: this.invalidProposals };
  }
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
