import type { MemoryShape, RegisterProgram } from '../../spaces/register/index.ts';
import { interpret } from '../../spaces/register/index.ts';
import { resolveProgram } from './program-liveness.ts';
import type { EvalType } from './task-data.ts';
import { sigmoid, squashRmsError, type TrainingLoop } from './training-loop.ts';

/**
 * The training loop run by the interpreter, instruction by instruction and without dead
 * code removal: the reference that the compiled loop must match exactly. Slow; for tests,
 * recognition probes and debugging.
 */
export function interpretedLoop(program: RegisterProgram, shape: MemoryShape, evalType: EvalType, maxAbsError = 100): TrainingLoop {
  const { setup, predict, learn } = resolveProgram(program);
  const f = shape.features;
  return (memory, data, numTrain, numValid, rng, buffers) => {
    const { s, v } = memory;
    const { trainErrors, validErrors, counts } = buffers;
    interpret(setup, memory, rng);
    let steps = 0;
    for (let e = 0; e < numTrain; e++) {
      v.set(data.trainX.subarray(e * f, e * f + f), 0);
      s[0] = 0;
      interpret(predict, memory, rng);
      if (evalType === 'accuracy') s[1] = sigmoid(s[1]!);
      const label = data.trainY[e]!;
      const error = Math.abs(label - s[1]!);
      steps++;
      if (!(error <= maxAbsError)) {
        counts.set([steps, e, 0]);
        return 0;
      }
      trainErrors[e] = error;
      v.set(data.trainX.subarray(e * f, e * f + f), 0);
      s[0] = label;
      interpret(learn, memory, rng);
    }
    counts[0] = steps;
    counts[1] = numTrain;
    let loss = 0;
    for (let e = 0; e < numValid; e++) {
      v.set(data.validX.subarray(e * f, e * f + f), 0);
      s[0] = 0;
      interpret(predict, memory, rng);
      let absError: number;
      if (evalType === 'rms') {
        const error = data.validY[e]! - s[1]!;
        loss += error * error;
        absError = Math.abs(error);
      } else {
        absError = data.validY[e]! > 0.5 === sigmoid(s[1]!) > 0.5 ? 0 : 1;
        loss += absError;
      }
      if (!(absError <= maxAbsError)) {
        counts[2] = e;
        return 0;
      }
      validErrors[e] = absError;
    }
    counts[2] = numValid;
    return evalType === 'rms' ? squashRmsError(Math.sqrt(loss / numValid)) : 1 - loss / numValid;
  };
}
