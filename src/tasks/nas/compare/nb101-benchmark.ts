import { SpaceError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import type { Space } from '../../../core/types.ts';
import { METRICS_PER_RUN, FINAL_OFFSET, TEST_ACCURACY } from '../nb101/dataset-index.ts';
import type { NasBench101 } from '../nb101/query-api.ts';
import { OutOfDomainError } from '../nb101/errors.ts';
import type { TabularAnswer, TabularBenchmark } from './tabular-benchmark.ts';

/**
 * NAS-Bench-101 at one epoch budget as a tabular benchmark over any genotype that converts
 * to a cell: a query samples one repeat (validation accuracy and simulated training seconds,
 * as the original API), while regret uses the cell's test accuracy averaged over its
 * repeats, against the best such mean in the dataset (0.943175752957662 at 108 epochs in
 * the full file). Invalid cells are answered as invalid.
 */
export function nb101Benchmark<G>(bench: NasBench101, space: Space<G>, toSpec: (genotype: G) => unknown, epochs = 108): TabularBenchmark<G> {
  const { meanTest, bestTest } = nb101TestScores(bench, epochs);
  const { cellByHash } = bench.index;
  return {
    name: `nas-bench-101/${epochs}`,
    space,
    bestTest,
    query(genotype: G, rng: Rng): TabularAnswer | undefined {
      let result;
      try {
        result = bench.query(toSpec(genotype), { epochs, rng });
      } catch (error) {
        if (error instanceof OutOfDomainError || error instanceof SpaceError) return undefined;
        throw error;
      }
      return { key: result.hash, validation: result.validationAccuracy, test: meanTest[cellByHash.get(result.hash)!]!, seconds: result.trainingTime };
    },
  };
}

/**
 * What regret is measured on at one epoch budget: each cell's final test accuracy averaged
 * over its repeats (by cell index), and the best such mean in the dataset.
 */
export function nb101TestScores(bench: NasBench101, epochs: number): { readonly meanTest: Float64Array; readonly bestTest: number } {
  const meanTest = meanTestAccuracies(bench, epochs);
  let bestTest = -Infinity;
  for (const value of meanTest) if (value > bestTest) bestTest = value;
  return { meanTest, bestTest };
}

/** Each cell's final test accuracy averaged over its repeats at `epochs` (NaN without runs). */
function meanTestAccuracies(bench: NasBench101, epochs: number): Float64Array {
  const { epochBudgets, runStart, runMetrics, hashes } = bench.index;
  const slot = epochBudgets.indexOf(epochs);
  if (slot < 0) throw new OutOfDomainError(`invalid number of epochs ${epochs}; this dataset holds ${epochBudgets.join(', ')}`);
  const budgets = epochBudgets.length;
  const means = new Float64Array(hashes.length);
  for (let cell = 0; cell < hashes.length; cell++) {
    const first = runStart[cell * budgets + slot]!;
    const end = runStart[cell * budgets + slot + 1]!;
    let sum = 0;
    for (let run = first; run < end; run++) sum += runMetrics[run * METRICS_PER_RUN + FINAL_OFFSET + TEST_ACCURACY]!;
    means[cell] = end > first ? sum / (end - first) : NaN;
  }
  return means;
}
