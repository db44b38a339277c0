import type { EvalContext, Measurement, Objective, Task } from '../../../core/types.ts';
import type { DNA } from '../../../spaces/symbolic/index.ts';
import { NB201_CELL_COUNT } from './cell.ts';
import { nb201CodeOfDna } from './space.ts';
import type { Nb201Dataset, Nb201Table } from './table.ts';

/** Options of `nasBench201Task`. */
export interface Nb201TaskOptions {
  readonly table: Nb201Table;
  /** Which image dataset's accuracies to use; CIFAR-10 by default. */
  readonly dataset?: Nb201Dataset;
}

const OBJECTIVES: readonly Objective[] = [{ name: 'validation-accuracy-percent', goal: 'max' }];

/**
 * Architecture search on NAS-Bench-201 over `nasBench201Space` DNA: fitness is the cell's
 * validation accuracy (percent) on the chosen dataset; the trial's info keeps its test
 * accuracy for reporting. A cell the table lacks fails its trial.
 *
 * @example
 * const task = nasBench201Task({ table: loadNb201Table('mini-nb201-12epoch.csv'), dataset: 'cifar100' });
 */
export function nasBench201Task(options: Nb201TaskOptions): Task<DNA> {
  const dataset = options.dataset ?? 'cifar10';
  const validation = options.table.column(dataset, 'validation');
  const test = options.table.column(dataset, 'test');
  return {
    id: 'nas-bench-201',
    config: { dataset },
    objectives: OBJECTIVES,
    evaluate(dna: DNA, _ctx: EvalContext): Measurement {
      const code = nb201CodeOfDna(dna);
      if (!(code >= 0 && code < NB201_CELL_COUNT) || Number.isNaN(validation[code]!)) throw new Error(`the NAS-Bench-201 table has no cell ${code}`);
      return { values: [validation[code]!], info: { testAccuracyPercent: test[code]!, cellCode: code } };
    },
  };
}
