import { UsageError } from '../../../core/errors.ts';
import type { DNA } from '../../../spaces/symbolic/index.ts';
import { NB201_CELL_COUNT } from '../nb201/cell.ts';
import { nasBench201Space, nb201CodeOfDna } from '../nb201/space.ts';
import type { Nb201Space } from '../nb201/space.ts';
import type { Nb201Dataset, Nb201Table } from '../nb201/table.ts';
import type { TabularAnswer, TabularBenchmark } from './tabular-benchmark.ts';

/**
 * NAS-Bench-201 on one image dataset as a tabular benchmark over the DNA space: validation
 * accuracy guides the search, test accuracy (in percent) measures regret. The table must
 * hold every cell, since any cell may be proposed.
 */
export function nb201Benchmark(table: Nb201Table, dataset: Nb201Dataset, space: Nb201Space = nasBench201Space()): TabularBenchmark<DNA> {
  if (table.cellCount !== NB201_CELL_COUNT) {
    throw new UsageError(`comparing on NAS-Bench-201 needs all ${NB201_CELL_COUNT} cells, but the table holds ${table.cellCount}`);
  }
  const validation = table.column(dataset, 'validation');
  const test = table.column(dataset, 'test');
  return {
    name: `nas-bench-201/${dataset}`,
    space,
    bestTest: table.best(dataset, 'test').accuracyPercent,
    query(dna: DNA): TabularAnswer {
      const code = nb201CodeOfDna(dna);
      return { key: String(code), validation: validation[code]!, test: test[code]!, seconds: 0 };
    },
  };
}
