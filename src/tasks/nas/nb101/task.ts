import { UsageError } from '../../../core/errors.ts';
import { Rng } from '../../../core/rng.ts';
import type { EvalContext, Measurement, Objective, Task } from '../../../core/types.ts';
import type { NasBench101 } from './query-api.ts';
import type { Nb101Spec } from './spec.ts';

/** Options of `nasBench101Task`. */
export interface Nb101TaskOptions {
  /** The query API over a loaded dataset. */
  readonly bench: NasBench101;
  /** Epoch budget of every query; 108 by default. */
  readonly epochs?: number;
  /** Use the metrics at half the budget (cheaper in simulated time). */
  readonly stopHalfway?: boolean;
}

const OBJECTIVES: readonly Objective[] = [{ name: 'validation-accuracy', goal: 'max' }];

/**
 * Architecture search on NAS-Bench-101: a cell's fitness is the validation accuracy of one
 * of its repeats, picked from the trial's own seed (so any executor replays it), as search
 * must never select by test accuracy. The trial's info keeps the test accuracy, simulated
 * training seconds and module hash for reporting.
 *
 * @example
 * const task = nasBench101Task({ bench: nasBench101(loadNb101Index(path).index) });
 */
export function nasBench101Task(options: Nb101TaskOptions): Task<Nb101Spec> {
  const epochs = options.epochs ?? 108;
  if (!options.bench.index.epochBudgets.includes(epochs)) {
    throw new UsageError(`nasBench101Task: epochs must be one of ${options.bench.index.epochBudgets.join(', ')} for this dataset, got ${epochs}`);
  }
  const stopHalfway = options.stopHalfway ?? false;
  const { bench } = options;
  return {
    id: 'nas-bench-101',
    objectives: OBJECTIVES,
    evaluate(spec: Nb101Spec, ctx: EvalContext): Measurement {
      const result = bench.query(spec, { epochs, stopHalfway, rng: new Rng(ctx.seed) });
      return {
        values: [result.validationAccuracy],
        info: { testAccuracy: result.testAccuracy, trainingSeconds: result.trainingTime, hash: result.hash, trainableParameters: result.trainableParameters },
      };
    },
  };
}
