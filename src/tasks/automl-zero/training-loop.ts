import type { Memory, OpRandom } from '../../spaces/register/index.ts';

/** The examples one run trains and validates on (validation may be a test split). */
export interface LoopData {
  readonly trainX: Float64Array;
  readonly trainY: Float64Array;
  readonly validX: Float64Array;
  readonly validY: Float64Array;
}

/**
 * Where a run reports what happened: the absolute error of each prediction, and
 * `counts = [train steps run, train errors recorded, validation errors recorded]`.
 * An early stop leaves the remaining slots untouched.
 */
export interface LoopBuffers {
  readonly trainErrors: Float64Array;
  readonly validErrors: Float64Array;
  readonly counts: Float64Array;
}

/**
 * AutoML-Zero's evaluation of one program on one task (executor.h), starting from the
 * memory as given (normally wiped): setup once; for each of the first `numTrain` training
 * examples, v0 ← features, s0 ← 0, predict, (for accuracy tasks s1 ← sigmoid(s1)), stop
 * early when |label - s1| is NaN or above `maxAbsError`, then s0 ← label and learn; then
 * predict each of the first `numValid` validation examples. Returns the fitness in [0, 1]:
 * 1 - (2/π)·atan(RMS error) for RMS tasks, accuracy of sigmoid(s1) > 0.5 otherwise, and 0
 * after an early stop.
 */
export type TrainingLoop = (memory: Memory, data: LoopData, numTrain: number, numValid: number, rng: OpRandom, buffers: LoopBuffers) => number;

/** AutoML-Zero's FlipAndSquash: maps an RMS error in [0, ∞] to a fitness in [0, 1]. */
export function squashRmsError(rms: number): number {
  return rms === Infinity || rms !== rms ? 0 : 1 - 0.6366197723675814 * Math.atan(rms);
}

/** The logistic sigmoid, 1 / (1 + e^-x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Buffers large enough for runs of up to `maxTrain` and `maxValid` examples. */
export function createLoopBuffers(maxTrain: number, maxValid: number): LoopBuffers {
  return { trainErrors: new Float64Array(maxTrain), validErrors: new Float64Array(maxValid), counts: new Float64Array(3) };
}
