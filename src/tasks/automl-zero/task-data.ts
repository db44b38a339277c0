import type { Rng } from '../../core/rng.ts';

/** How a task turns validation predictions into fitness (AutoML-Zero's EvalType). */
export type EvalType = 'rms' | 'accuracy';

/**
 * One task instance: examples as flat Float64Arrays (example `e` of F features at
 * `x[e*F .. e*F+F)`), labels, and how fitness is measured. A test split is optional.
 */
export interface TaskData {
  /** Which instance of its suite this is (0-based). */
  readonly index: number;
  readonly features: number;
  readonly evalType: EvalType;
  readonly trainX: Float64Array;
  readonly trainY: Float64Array;
  readonly validX: Float64Array;
  readonly validY: Float64Array;
  readonly testX?: Float64Array;
  readonly testY?: Float64Array;
}

/** Number of examples in a flat feature array. */
export function exampleCount(x: Float64Array, features: number): number {
  return x.length / features;
}

/** `count` examples of F independent standard normal features. */
export function gaussianFeatures(count: number, features: number, rng: Rng): Float64Array {
  const x = new Float64Array(count * features);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

/** Applies `label` to each example of a flat feature array. */
export function labelExamples(x: Float64Array, features: number, label: (x: Float64Array, offset: number) => number): Float64Array {
  const count = exampleCount(x, features);
  const y = new Float64Array(count);
  for (let e = 0; e < count; e++) y[e] = label(x, e * features);
  return y;
}
