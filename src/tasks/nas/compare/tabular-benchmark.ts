import type { Rng } from '../../../core/rng.ts';
import type { Space } from '../../../core/types.ts';

/** What one query of a tabular benchmark tells the harness. */
export interface TabularAnswer {
  /** Names the table entry answered (a module hash, a cell code): equal for equal entries. */
  readonly key: string;
  /** The score search may select by (validation accuracy); larger is better. */
  readonly validation: number;
  /** The score regret is measured on (test accuracy); never shown to the search. */
  readonly test: number;
  /** Simulated training seconds this query costs (0 when the table has no times). */
  readonly seconds: number;
}

/**
 * A precomputed benchmark searched by querying, not training: a space, an answer per
 * architecture, and the best test score any architecture reaches (for regret).
 */
export interface TabularBenchmark<G> {
  readonly name: string;
  readonly space: Space<G>;
  /** The largest test score in the table: regret is this minus the incumbent's test score. */
  readonly bestTest: number;
  /**
   * Queries one architecture; `rng` picks among repeated runs where the table has them.
   * Undefined for a genotype outside the table's space (an invalid cell): no query is made.
   */
  query(genotype: G, rng: Rng): TabularAnswer | undefined;
}
