import type { Memory, OpRandom, Step } from '../../spaces/register/index.ts';
import type { LoopBuffers, LoopData } from './training-loop.ts';

/** A program's live instructions as steps bound to one memory. */
export interface ThreadedProgram {
  readonly setup: readonly Step[];
  readonly predict: readonly Step[];
  readonly learn: readonly Step[];
  /** True when predict may overwrite v0, so the features are loaded again before learn. */
  readonly reloadFeatures: boolean;
}

/**
 * AutoML-Zero's training loop (see `TrainingLoop`) over steps: one function shared by every
 * program, so it stays optimised, with one call per live instruction.
 */
export function runThreadedLoop(
  program: ThreadedProgram,
  memory: Memory,
  accuracy: boolean,
  maxAbsError: number,
  data: LoopData,
  numTrain: number,
  numValid: number,
  rng: OpRandom,
  buffers: LoopBuffers,
): number {
  const { setup, predict, learn } = program;
  const { s, v } = memory;
  const f = memory.features;
  const { trainX, trainY, validX, validY } = data;
  const { trainErrors, validErrors, counts } = buffers;
  for (let k = 0; k < setup.length; k++) setup[k]!(rng);
  const np = predict.length;
  const nl = learn.length;
  let steps = 0;
  for (let e = 0; e < numTrain; e++) {
    const row = e * f;
    for (let i = 0; i < f; i++) v[i] = trainX[row + i]!;
    s[0] = 0;
    for (let k = 0; k < np; k++) predict[k]!(rng);
    if (accuracy) s[1] = 1 / (1 + Math.exp(-s[1]!));
    const label = trainY[e]!;
    const error = Math.abs(label - s[1]!);
    steps++;
    if (!(error <= maxAbsError)) {
      counts[0] = steps;
      counts[1] = e;
      counts[2] = 0;
      return 0;
    }
    trainErrors[e] = error;
    if (program.reloadFeatures) for (let i = 0; i < f; i++) v[i] = trainX[row + i]!;
    s[0] = label;
    for (let k = 0; k < nl; k++) learn[k]!(rng);
  }
  counts[0] = steps;
  counts[1] = numTrain;
  let loss = 0;
  for (let e = 0; e < numValid; e++) {
    const row = e * f;
    for (let i = 0; i < f; i++) v[i] = validX[row + i]!;
    s[0] = 0;
    for (let k = 0; k < np; k++) predict[k]!(rng);
    let absError: number;
    if (accuracy) {
      absError = validY[e]! > 0.5 === 1 / (1 + Math.exp(-s[1]!)) > 0.5 ? 0 : 1;
      loss += absError;
    } else {
      const error = validY[e]! - s[1]!;
      loss += error * error;
      absError = Math.abs(error);
    }
    if (!(absError <= maxAbsError)) {
      counts[2] = e;
      return 0;
    }
    validErrors[e] = absError;
  }
  counts[2] = numValid;
  if (accuracy) return 1 - loss / numValid;
  const rms = Math.sqrt(loss / numValid);
  return rms === Infinity || rms !== rms ? 0 : 1 - 0.6366197723675814 * Math.atan(rms);
}
