import { Rng } from '../../core/rng.ts';
import { gaussianFeatures, labelExamples, type TaskData } from './task-data.ts';

/** Sizes and seeds of one generated regression task. */
export interface RegressionTaskOptions {
  readonly index: number;
  readonly features: number;
  readonly numTrain: number;
  readonly numValid: number;
  /** Draws the teacher's weights. */
  readonly paramSeed: number;
  /** Draws the inputs. */
  readonly dataSeed: number;
}

/** A regression task with its teacher's weights, so tests can check the teacher itself. */
export interface TeacherTask extends TaskData {
  /** Linear: the F weights w. Nonlinear: F×F first-layer weights W (row-major), then F output weights a. */
  readonly teacherWeights: Float64Array;
}

/**
 * Linear regression as in AutoML-Zero (ScalarLinearRegressionTask): inputs x ~ N(0, I_F),
 * teacher weights w ~ N(0, I_F) fixed per task, label y = w·x. Fitness is squashed RMS error.
 */
export function linearRegressionTask(o: RegressionTaskOptions): TeacherTask {
  const f = o.features;
  const weights = gaussianFeatures(1, f, new Rng(o.paramSeed));
  return teacherTask(o, weights, (x, at) => {
    let y = x[at]! * weights[0]!;
    for (let i = 1; i < f; i++) y += x[at + i]! * weights[i]!;
    return y;
  });
}

/**
 * Nonlinear regression as in AutoML-Zero (Scalar2LayerNnRegressionTask): a fixed random
 * 2-layer teacher network without biases, y = a · relu(W x), with W ~ N(0, 1)^{F×F} and
 * a ~ N(0, 1)^F drawn per task and inputs x ~ N(0, I_F). (The reference additionally zeroes
 * two hidden units; here all F hidden units are used.)
 */
export function nonlinearRegressionTask(o: RegressionTaskOptions): TeacherTask {
  const f = o.features;
  const params = new Rng(o.paramSeed);
  const weights = gaussianFeatures(1, f * f + f, params);
  return teacherTask(o, weights, (x, at) => {
    let y = 0;
    for (let r = 0; r < f; r++) {
      let hidden = 0;
      for (let c = 0; c < f; c++) hidden += weights[r * f + c]! * x[at + c]!;
      if (hidden > 0) y += weights[f * f + r]! * hidden;
    }
    return y;
  });
}

/** Draws a task's Gaussian inputs from its data seed and labels them with the teacher's `label`. */
function teacherTask(o: RegressionTaskOptions, weights: Float64Array, label: (x: Float64Array, at: number) => number): TeacherTask {
  const f = o.features;
  const data = new Rng(o.dataSeed);
  const trainX = gaussianFeatures(o.numTrain, f, data);
  const validX = gaussianFeatures(o.numValid, f, data);
  return {
    index: o.index,
    features: f,
    evalType: 'rms',
    trainX,
    trainY: labelExamples(trainX, f, label),
    validX,
    validY: labelExamples(validX, f, label),
    teacherWeights: weights,
  };
}
